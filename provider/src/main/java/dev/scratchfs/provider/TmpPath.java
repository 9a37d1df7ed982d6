package dev.scratchfs.provider;

import dev.scratchfs.path.PathSyntax;
import dev.scratchfs.path.UnixPath;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * A path of a {@code tmp:} file system: a name, with the Unix algebra of the JDK's default provider
 * ({@link UnixPath}). The working directory of a scratch file system is its root, so {@code
 * toAbsolutePath()} of {@code a/b} is {@code /a/b}.
 *
 * <p>Everything that touches the disk goes through the file system's {@link Gate}, which confines
 * the path to the scratch root. The gate remembers here which delegate path this path maps to, so
 * that a path used again is not mapped again; nothing else can set it.
 */
final class TmpPath extends UnixPath<TmpPath> {
  private final TmpFileSystem fs;
  /** The delegate path this one maps to; set by the gate on first use (benign race: idempotent). */
  private Path delegate;

  private TmpPath(TmpFileSystem fs, String normalizedPath) {
    super(normalizedPath);
    this.fs = fs;
  }

  /**
   * Parses a path string the way the default provider does on Unix.
   *
   * @throws java.nio.file.InvalidPathException if {@code input} contains NUL
   */
  static TmpPath parse(TmpFileSystem fs, String input) {
    return new TmpPath(fs, PathSyntax.parse(input));
  }

  /** Joins path strings like {@code FileSystem.getPath(first, more)}: empty parts are skipped. */
  static TmpPath of(TmpFileSystem fs, String first, String... more) {
    return new TmpPath(fs, PathSyntax.join(first, more));
  }

  Path cachedDelegate() {
    return delegate;
  }

  void cacheDelegate(Path mapped) {
    this.delegate = mapped;
  }

  @Override
  protected TmpPath create(String normalizedPath) {
    return new TmpPath(fs, normalizedPath);
  }

  @Override
  protected TmpPath self() {
    return this;
  }

  @Override
  protected boolean isSameKind(Path other) {
    return other instanceof TmpPath;
  }

  @Override
  public TmpFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public TmpPath getRoot() {
    return isAbsolute() ? fs.rootPath() : null;
  }

  @Override
  public TmpPath toAbsolutePath() {
    return isAbsolute() ? this : fs.rootPath().resolve(this);
  }

  @Override
  public TmpPath toRealPath(LinkOption... options) throws IOException {
    return fs.rootGate().toRealPath(this, options);
  }

  /**
   * Returns the URI of this path: {@code tmp://NAME/path}, or {@code tmp:/path} in the shared
   * file system. As the default provider does, a path that is an existing directory ends in
   * {@code /}, so that {@code URLClassLoader} and URI resolution treat it as one.
   */
  @Override
  public URI toUri() {
    TmpPath absolute = toAbsolutePath().normalize();
    boolean directory = absolute.getNameCount() > 0 && fs.rootGate().isDirectory(absolute);
    return TmpUri.of(fs.name(), directory ? absolute.string() + "/" : absolute.string());
  }

  /**
   * Returns the delegate's file, where the delegate has files (the default file system): {@code
   * java.io} code then works on the file the path stands for, inside the private root. Calls
   * through that {@code File} are the host's own: they are neither tracked nor confined, and its
   * {@code toPath()} is a default-file-system path, not this one.
   *
   * @throws UnsupportedOperationException over a delegate without files (jimfs)
   */
  @Override
  public File toFile() {
    return fs.rootGate().toFile(this);
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
      throws IOException {
    return fs.rootGate().register(this, watcher, events, modifiers);
  }

  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    if (!(obj instanceof TmpPath)) {
      return false;
    }
    TmpPath that = (TmpPath) obj;
    return fs == that.fs && string().equals(that.string());
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
