package dev.scratchfs.provider;

import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The {@code tmp:} file system provider, registered through {@code ServiceLoader} (both {@code
 * META-INF/services} and {@code module-info}).
 *
 * <p>Only a registry of file systems by URI and a dispatcher: every file operation takes the
 * {@code tmp:} path it is given (anything else is a {@link ProviderMismatchException}) to the
 * {@link Gate} of that path's file system, which checks, maps, applies the policy, calls the
 * delegate and translates (see {@link TmpFileSystem} for the design). The JDK's {@code Files}
 * then behaves on {@code tmp:} paths as on the file system underneath, except where the policy
 * says otherwise.
 */
public final class TmpFileSystemProvider extends FileSystemProvider {
  /** The URI scheme of scratch file systems. */
  public static final String SCHEME = TmpUri.SCHEME;

  /** Creates the provider; called by {@code ServiceLoader}. */
  public TmpFileSystemProvider() {}

  /**
   * Returns the path of the delegate file system that a {@code tmp:} path stands for; see {@code
   * TmpFileSystems.unwrap}.
   *
   * @param path a {@code tmp:} path, relative ones are taken from {@code /}
   * @return the absolute delegate path, inside the scratch root
   * @throws ProviderMismatchException if {@code path} is not a {@code tmp:} path
   * @throws java.nio.file.ClosedFileSystemException if its file system is closed
   */
  public static Path unwrap(Path path) {
    TmpPath p = tmpPath(path);
    return p.getFileSystem().rootGate().mapByPath(p.getFileSystem().rootGate().check(p));
  }

  private static TmpPath tmpPath(Path path) {
    Objects.requireNonNull(path, "path");
    if (!(path instanceof TmpPath)) {
      throw new ProviderMismatchException(
          "not a tmp: path: " + path + " (of " + path.getFileSystem().provider() + ")");
    }
    return (TmpPath) path;
  }

  /** The gate of the file system a path belongs to. */
  private static Gate gate(Path path) {
    return tmpPath(path).getFileSystem().rootGate();
  }

  @Override
  public String getScheme() {
    return TmpUri.SCHEME;
  }

  /**
   * Creates a scratch file system: a fresh anonymous one for {@code tmp:/}, a named one for {@code
   * tmp://NAME/}. See {@link TmpOptions} for {@code env}.
   *
   * @throws IllegalArgumentException if the URI or an option is malformed; nothing is created
   * @throws java.nio.file.FileSystemAlreadyExistsException if a file system of that name is open
   * @throws IOException if the root directory cannot be created
   */
  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    String authority = TmpUri.fileSystemAuthority(uri);
    TmpOptions options = TmpOptions.parse(env);
    FileSystemRegistry.Factory factory =
        (name, shared) -> TmpFileSystem.create(this, name, shared, options);
    return authority == null
        ? FileSystemRegistry.newAnonymous(factory)
        : FileSystemRegistry.newNamed(authority, factory);
  }

  /**
   * A scratch file system is not made from a file: always throws, so that {@code
   * FileSystems.newFileSystem(Path)} goes on to the providers that open archives.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public FileSystem newFileSystem(Path path, Map<String, ?> env) {
    throw new UnsupportedOperationException("tmp: file systems are not opened from a file");
  }

  /**
   * Returns the JVM-wide shared file system for {@code tmp:/} (creating it at first use, in the
   * default directory), or the open named file system for {@code tmp://NAME/}.
   *
   * @throws java.nio.file.FileSystemNotFoundException if no file system of that name is open
   * @throws IllegalArgumentException if the URI is malformed
   */
  @Override
  public FileSystem getFileSystem(URI uri) {
    return fileSystem(TmpUri.fileSystemAuthority(uri));
  }

  private TmpFileSystem fileSystem(String authority) {
    if (authority != null) {
      return FileSystemRegistry.named(authority);
    }
    try {
      return FileSystemRegistry.shared(
          (name, shared) -> TmpFileSystem.create(this, name, shared, TmpOptions.parse(Map.of())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the shared tmp:/ file system", e);
    }
  }

  /**
   * Returns the path a {@code tmp:} URI names, in the shared file system ({@code tmp:/a}) or a named
   * one ({@code tmp://NAME/a}).
   *
   * @throws java.nio.file.FileSystemNotFoundException if the named file system is not open
   * @throws IllegalArgumentException if the URI is malformed
   */
  @Override
  public Path getPath(URI uri) {
    String path = uri.getPath();
    return fileSystem(TmpUri.authority(uri)).getPath(path == null || path.isEmpty() ? "/" : path);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return gate(path).newByteChannel(path, options, "byte channel", attrs);
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return gate(path).newFileChannel(path, options, attrs);
  }

  @Override
  public AsynchronousFileChannel newAsynchronousFileChannel(
      Path path, Set<? extends OpenOption> options, ExecutorService executor,
      FileAttribute<?>... attrs) throws IOException {
    return gate(path).newAsynchronousFileChannel(path, options, executor, attrs);
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    return Channels.newInputStream(
        gate(path).newByteChannel(path, StreamOptions.forInput(options), "input stream"));
  }

  @Override
  public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
    return Channels.newOutputStream(
        gate(path).newByteChannel(path, StreamOptions.forOutput(options), "output stream"));
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    Gate gate = gate(dir);
    Objects.requireNonNull(filter, "filter");
    return gate.newDirectoryStream(dir, filter, null);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    gate(dir).createDirectory(dir, attrs);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
      throws IOException {
    gate(link).createSymbolicLink(link, target, attrs);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    gate(link).createLink(link, existing);
  }

  @Override
  public void delete(Path path) throws IOException {
    gate(path).delete(path, false, null);
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    return gate(path).delete(path, true, null);
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    return gate(link).readSymbolicLink(link);
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    gate(source).copy(source, target, options);
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    gate(source).move(source, target, options);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    return gate(path).isSameFile(path, path2);
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    TmpPath name = gate(path).check(path).getFileName();
    return name != null && name.string().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    return gate(path).getFileStore(path);
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    gate(path).checkAccess(path, modes);
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return gate(path).getFileAttributeView(path, type, options);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    return gate(path).readAttributes(path, type, options);
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    return gate(path).readAttributes(path, attributes, options);
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    gate(path).setAttribute(path, attribute, value, options);
  }

  /**
   * The options of {@code newInputStream} and {@code newOutputStream}, checked as the JDK does,
   * as immutable sets (so that the channel's opening need not copy them; the usual ones are
   * constants).
   */
  private static final class StreamOptions {
    private static final Set<OpenOption> NEW_OUTPUT =
        ImmutableSet.of(
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);

    private StreamOptions() {}

    static Set<OpenOption> forInput(OpenOption... options) {
      for (OpenOption opt : options) {
        if (opt == StandardOpenOption.APPEND || opt == StandardOpenOption.WRITE) {
          throw new UnsupportedOperationException("'" + opt + "' not allowed");
        }
      }
      return ImmutableSet.copyOf(options);
    }

    static Set<OpenOption> forOutput(OpenOption... options) {
      if (options.length == 0) {
        return NEW_OUTPUT;
      }
      for (OpenOption opt : options) {
        if (opt == StandardOpenOption.READ) {
          throw new IllegalArgumentException("READ not allowed");
        }
      }
      return ImmutableSet.<OpenOption>builderWithExpectedSize(options.length + 1)
          .add(options).add(StandardOpenOption.WRITE).build();
    }
  }
}
