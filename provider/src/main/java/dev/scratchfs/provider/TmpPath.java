package dev.scratchfs.provider;

import dev.scratchfs.path.PathMapping;
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
 *
 * <p>Two kinds of path know more than their string, and offer it to the gate as a shortcut to the
 * mapping ({@link #delegateFromParent}): a {@link ChildPath}, one name resolved against a path the
 * gate had mapped, and a {@link ListedPath}, an entry of a directory stream, whose string is only
 * made when something needs it. The gate takes the shortcut only where {@link PathMapping} says
 * that it gives the very delegate path the string maps to, so equal paths always map alike.
 */
sealed class TmpPath extends UnixPath<TmpPath> permits ChildPath, ListedPath {
  private final TmpFileSystem fs;
  /** The delegate path this one maps to; set by the gate on first use (benign race: idempotent). */
  private Path delegate;

  TmpPath(TmpFileSystem fs, String normalizedPath) {
    super(normalizedPath);
    this.fs = fs;
  }

  /** A path whose string {@link #lazyString()} computes (see {@link ListedPath}). */
  TmpPath(TmpFileSystem fs) {
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

  final Path cachedDelegate() {
    return delegate;
  }

  final void cacheDelegate(Path mapped) {
    this.delegate = mapped;
  }

  /**
   * The delegate path this path maps to by path, if it can be told without mapping the whole
   * string; else null. Only the gate asks, and only where the mapping cannot depend on where it
   * starts (see {@link Gate#mapByPath}).
   */
  Path delegateFromParent(PathMapping mapping) {
    return null;
  }

  /**
   * Resolves as every Unix path does; one plain name against a path whose delegate is known (the
   * gate mapped it, or it is {@code /}) also remembers that delegate, so that the gate can map the
   * result from it (see {@link ChildPath}).
   */
  @Override
  public TmpPath resolve(String other) {
    Path known = delegate;
    String path = string();
    if (known == null && path.equals("/")) {
      known = fs.mapping().delegateRoot();
    }
    if (known != null && PathSyntax.isPlainName(other)) {
      return new ChildPath(fs, PathSyntax.resolve(path, other), known, other);
    }
    return super.resolve(other);
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
    return Watching.register(fs.rootGate(), this, watcher, events, modifiers);
  }

  @Override
  public final boolean equals(Object obj) {
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
  public final int hashCode() {
    return super.hashCode();
  }
}
