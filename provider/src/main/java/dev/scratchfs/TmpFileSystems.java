package dev.scratchfs;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.scratchfs.lifecycle.Reaper;
import dev.scratchfs.provider.TmpFileSystemProvider;
import dev.scratchfs.provider.TmpOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points of scratchfs: private, self-cleaning scratch file systems behind the {@code tmp:} URI
 * scheme.
 *
 * <pre>{@code
 * try (FileSystem scratch = TmpFileSystems.newFileSystem()) {
 *   Path work = scratch.getPath("/work");
 *   Files.createDirectory(work);           // rwx------, whatever the umask
 *   Files.writeString(work.resolve("a.txt"), "hello");
 * }                                         // every handle closed, the tree deleted
 * }</pre>
 *
 * <p>The same file system is had with {@code FileSystems.newFileSystem(URI.create("tmp:/"),
 * Map.of())}; this class adds a typed {@link Builder} and {@link #unwrap}.
 */
public final class TmpFileSystems {
  /** The URI scheme of scratch file systems. */
  public static final String SCHEME = TmpFileSystemProvider.SCHEME;

  private TmpFileSystems() {}

  /**
   * Creates a fresh anonymous scratch file system in the default directory.
   *
   * @return the open file system
   * @throws IOException if its root cannot be created
   */
  public static FileSystem newFileSystem() throws IOException {
    return builder().build();
  }

  /**
   * Starts building a scratch file system.
   *
   * @return a builder with every option at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the path of the delegate file system that a {@code tmp:} path stands for, to hand the
   * file to code that cannot take a {@code tmp:} path (an external program, {@code java.io.File}).
   * The returned path is inside the scratch root; it stops existing when the file system closes.
   *
   * @param path a {@code tmp:} path, relative ones are taken from {@code /}
   * @return the absolute delegate path
   * @throws ProviderMismatchException if {@code path} is not a {@code tmp:} path
   * @throws java.nio.file.ClosedFileSystemException if its file system is closed
   */
  public static Path unwrap(Path path) {
    return TmpFileSystemProvider.unwrap(checkNotNull(path, "path"));
  }

  /**
   * Removes the roots that scratch file systems left in {@code dir} when their JVM died without
   * cleaning up ({@code kill -9}, a crash, power loss). A root is removed only when it is provably
   * abandoned: a directory (not a link) of the caller's, private to it, named as scratchfs names
   * its containers (finished, being built, or being deleted), in a shape scratchfs leaves, whose
   * lock no live process holds (or, for one being built or deleted without a lock file, whose
   * process is provably gone). Roots of live file systems (in this JVM or another), roots kept with
   * {@code cleanup=false}, and anything scratchfs did not create are left alone; links are never
   * followed, and nothing it opens can block it. Only roots on the default file system carry a
   * lock, so only those are ever reaped. The README's "Reaping" section lists every shape.
   *
   * @param dir the directory scratch file systems were created in
   * @return the roots removed
   * @throws IOException if {@code dir} cannot be listed, or an abandoned root could not be deleted
   *     entirely (the others are still removed; the exception names what was left)
   */
  public static List<Path> reap(Path dir) throws IOException {
    return Reaper.reap(checkNotNull(dir, "dir"));
  }

  static FileSystemProvider provider() {
    for (FileSystemProvider p : FileSystemProvider.installedProviders()) {
      if (p.getScheme().equalsIgnoreCase(SCHEME)) {
        return p;
      }
    }
    // Not installed (e.g. loaded by a class loader the JDK's scan does not see): use our own.
    return Holder.OWN;
  }

  private static final class Holder {
    static final FileSystemProvider OWN = new TmpFileSystemProvider();
  }

  /**
   * A typed form of the options in the README and {@code TmpOptions}. Not thread-safe; each {@link
   * #build()} creates a new file system.
   */
  public static final class Builder {
    private final Map<String, Object> env = new HashMap<>();
    private String name;

    private Builder() {}

    /**
     * Sets the directory to create the root in; any provider's path.
     *
     * @param dir an existing directory
     * @return this builder
     */
    public Builder dir(Path dir) {
      env.put(TmpOptions.DIR, checkNotNull(dir, "dir"));
      return this;
    }

    /**
     * Sets the start of the root directory's name.
     *
     * @param prefix no separator, no NUL
     * @return this builder
     */
    public Builder prefix(String prefix) {
      env.put(TmpOptions.PREFIX, checkNotNull(prefix, "prefix"));
      return this;
    }

    /**
     * Sets the end of the root directory's name.
     *
     * @param suffix no separator, no NUL
     * @return this builder
     */
    public Builder suffix(String suffix) {
      env.put(TmpOptions.SUFFIX, checkNotNull(suffix, "suffix"));
      return this;
    }

    /**
     * Sets whether {@code close()} (and JVM exit) deletes the root; default true. With false the
     * tree stays on disk after close, for debugging; {@link TmpFileSystems#unwrap} tells where.
     *
     * @param cleanup whether to delete
     * @return this builder
     */
    public Builder cleanup(boolean cleanup) {
      env.put(TmpOptions.CLEANUP, cleanup);
      return this;
    }

    /**
     * Limits the bytes the files of the file system may hold together. A write that would pass the
     * limit throws an {@code IOException} saying so and writes nothing; deleting or truncating
     * files gives room back. The file system's {@code FileStore} reports the quota as its total
     * space.
     *
     * @param bytes the limit, at least 0
     * @return this builder
     */
    public Builder quota(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("tmp: option 'quota' must not be negative: " + bytes);
      }
      env.put(TmpOptions.QUOTA, bytes);
      return this;
    }

    /**
     * Limits the bytes the files may hold together, written with a binary unit: {@code "512"},
     * {@code "10KiB"}, {@code "64MiB"}, {@code "1GiB"}, {@code "2TiB"}.
     *
     * @param size the limit
     * @return this builder
     * @throws IllegalArgumentException if {@code size} is malformed
     */
    public Builder quota(String size) {
      checkNotNull(size, "size");
      TmpOptions.parse(Map.of(TmpOptions.QUOTA, size));
      env.put(TmpOptions.QUOTA, size);
      return this;
    }

    /**
     * Sets what {@code close()} does about handles left open: {@code "ignore"} (the default: close
     * them), {@code "close"} or {@code "warn"} (close them and log one warning naming each with
     * where it was opened), {@code "fail"} (close them, delete the tree, then throw {@link
     * LeakedHandlesException}). Any mode but ignore records the opening stack of every handle.
     *
     * @param mode the mode
     * @return this builder
     * @throws IllegalArgumentException if {@code mode} is not one of those
     */
    public Builder leaks(String mode) {
      checkNotNull(mode, "mode");
      TmpOptions.parse(Map.of(TmpOptions.LEAKS, mode));
      env.put(TmpOptions.LEAKS, mode);
      return this;
    }

    /**
     * Names the file system, so that {@code tmp://NAME/} URIs find it while it is open.
     *
     * @param name a URI authority without user or port
     * @return this builder
     */
    public Builder name(String name) {
      this.name = checkNotNull(name, "name");
      return this;
    }

    /**
     * Returns the options as the environment map of {@code FileSystems.newFileSystem}.
     *
     * @return a copy of the options
     */
    public Map<String, Object> toEnvironment() {
      return Map.copyOf(env);
    }

    /**
     * Creates the file system.
     *
     * @return the open file system
     * @throws IllegalArgumentException if an option is invalid; nothing is created
     * @throws java.nio.file.FileSystemAlreadyExistsException if the name is taken
     * @throws IOException if the root cannot be created
     */
    public FileSystem build() throws IOException {
      URI uri = URI.create(name == null ? "tmp:/" : "tmp://" + name + "/");
      return provider().newFileSystem(uri, env);
    }
  }
}
