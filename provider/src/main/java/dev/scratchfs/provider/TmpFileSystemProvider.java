package dev.scratchfs.provider;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import dev.scratchfs.handle.ForwardingAsynchronousFileChannel;
import dev.scratchfs.handle.ForwardingFileChannel;
import dev.scratchfs.handle.TmpDirectoryStream;
import dev.scratchfs.handle.TmpSecureDirectoryStream;
import dev.scratchfs.path.PathMapping;
import dev.scratchfs.path.TmpPath;
import dev.scratchfs.policy.AttributePolicy;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import dev.scratchfs.policy.SymbolicLinkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The {@code tmp:} file system provider, registered through {@code ServiceLoader} (both {@code
 * META-INF/services} and {@code module-info}).
 *
 * <p>Every file operation takes {@link TmpPath}s (anything else is a {@link
 * ProviderMismatchException}), refuses to run on a closed file system ({@code
 * ClosedFileSystemException}), maps the paths into the scratch root, applies the owner-only policy
 * to anything it creates, and calls the delegate's provider. The JDK's {@code Files} then behaves
 * on {@code tmp:} paths as on the file system underneath, except where the policy says otherwise.
 */
public final class TmpFileSystemProvider extends FileSystemProvider {
  /** Creates the provider; called by {@code ServiceLoader}. */
  public TmpFileSystemProvider() {}

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
  public TmpFileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
    String authority = TmpUri.fileSystemAuthority(uri);
    TmpOptions options = TmpOptions.parse(env);
    if (authority == null) {
      return FileSystemRegistry.newAnonymous(
          (name, shared) -> TmpFileSystem.create(this, name, false, options));
    }
    return FileSystemRegistry.newNamed(
        authority, (name, shared) -> TmpFileSystem.create(this, name, false, options));
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
  public TmpFileSystem getFileSystem(URI uri) {
    String authority = TmpUri.fileSystemAuthority(uri);
    return authority == null ? shared() : FileSystemRegistry.named(authority);
  }

  private TmpFileSystem shared() {
    try {
      return FileSystemRegistry.shared(
          (name, shared) -> TmpFileSystem.create(this, null, true, TmpOptions.parse(Map.of())));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create the shared tmp:/ file system", e);
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
  public TmpPath getPath(URI uri) {
    String authority = TmpUri.authority(uri);
    String path = uri.getPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    TmpFileSystem fs = authority == null ? shared() : FileSystemRegistry.named(authority);
    return fs.getPath(path);
  }

  private static TmpPath check(Path path) {
    if (path == null) {
      throw new NullPointerException("path");
    }
    if (!(path instanceof TmpPath)) {
      throw new ProviderMismatchException(
          "not a tmp: path: " + path + " (of " + path.getFileSystem().provider() + ")");
    }
    TmpPath p = (TmpPath) path;
    p.getFileSystem().checkOpen();
    return p;
  }

  private static Path delegate(TmpPath p) {
    return p.getFileSystem().mapping().toDelegate(p);
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    Path d = delegate(p);
    return p.getFileSystem()
        .openByteChannel(p, options, attrs, (opts, a) -> Files.newByteChannel(d, opts, a));
  }

  @Override
  public FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    TmpFileSystem fs = p.getFileSystem();
    Path d = delegate(p);
    Set<OpenOption> opts = TmpFileSystem.snapshot(options);
    boolean emulateDelete =
        fs.emulatesDeleteOnClose() && opts.contains(StandardOpenOption.DELETE_ON_CLOSE);
    if (emulateDelete) {
      opts = withoutDeleteOnClose(opts);
    }
    FileChannel channel;
    try {
      channel =
          d.getFileSystem()
              .provider()
              .newFileChannel(
                  d, opts, TmpFileSystem.creating(opts) ? fs.creationAttributes(attrs, false) : attrs);
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
    if (emulateDelete) {
      channel = new ForwardingFileChannel(channel, () -> Files.deleteIfExists(d));
    }
    return fs.adopt(channel, "file channel", p);
  }

  @Override
  public AsynchronousFileChannel newAsynchronousFileChannel(
      Path path, Set<? extends OpenOption> options, ExecutorService executor,
      FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    TmpFileSystem fs = p.getFileSystem();
    Path d = delegate(p);
    Set<OpenOption> opts = TmpFileSystem.snapshot(options);
    boolean emulateDelete =
        fs.emulatesDeleteOnClose() && opts.contains(StandardOpenOption.DELETE_ON_CLOSE);
    if (emulateDelete) {
      opts = withoutDeleteOnClose(opts);
    }
    AsynchronousFileChannel channel;
    try {
      channel =
          d.getFileSystem()
              .provider()
              .newAsynchronousFileChannel(
                  d, opts, executor,
                  TmpFileSystem.creating(opts) ? fs.creationAttributes(attrs, false) : attrs);
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
    if (emulateDelete) {
      channel = new ForwardingAsynchronousFileChannel(channel, () -> Files.deleteIfExists(d));
    }
    return fs.adopt(channel, "asynchronous file channel", p);
  }

  private static Set<OpenOption> withoutDeleteOnClose(Set<OpenOption> options) {
    Set<OpenOption> opts = new HashSet<>(options);
    opts.remove(StandardOpenOption.DELETE_ON_CLOSE);
    return opts;
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    for (OpenOption opt : options) {
      if (opt == StandardOpenOption.APPEND || opt == StandardOpenOption.WRITE) {
        throw new UnsupportedOperationException("'" + opt + "' not allowed");
      }
    }
    return Channels.newInputStream(newByteChannel(path, new HashSet<>(Arrays.asList(options))));
  }

  @Override
  public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
    Set<OpenOption> opts = new HashSet<>();
    if (options.length == 0) {
      opts.add(StandardOpenOption.CREATE);
      opts.add(StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      for (OpenOption opt : options) {
        if (opt == StandardOpenOption.READ) {
          throw new IllegalArgumentException("READ not allowed");
        }
        opts.add(opt);
      }
    }
    opts.add(StandardOpenOption.WRITE);
    return Channels.newOutputStream(newByteChannel(path, opts));
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    TmpPath p = check(dir);
    if (filter == null) {
      throw new NullPointerException("filter");
    }
    TmpFileSystem fs = p.getFileSystem();
    DirectoryStream<Path> stream;
    try {
      stream = Files.newDirectoryStream(delegate(p));
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
    TmpDirectoryStream result =
        stream instanceof SecureDirectoryStream
            ? new TmpSecureDirectoryStream((SecureDirectoryStream<Path>) stream, p, filter, fs)
            : new TmpDirectoryStream(stream, p, filter);
    return fs.adoptDirectoryStream(result, p);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(dir);
    TmpFileSystem fs = p.getFileSystem();
    try {
      Files.createDirectory(delegate(p), fs.creationAttributes(attrs, true));
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
      throws IOException {
    TmpPath l = check(link);
    TmpPath t = check(target);
    TmpFileSystem fs = l.getFileSystem();
    if (t.getFileSystem() != fs) {
      throw new ProviderMismatchException("link target is in another tmp: file system: " + target);
    }
    PathMapping mapping = fs.mapping();
    try {
      Path stored = SymbolicLinkPolicy.delegateTarget(mapping, mapping.realRoot(), l, t);
      Files.createSymbolicLink(delegate(l), stored, attrs);
    } catch (IOException e) {
      throw fs.translate(e, l, t);
    }
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    TmpPath l = check(link);
    TmpPath e = check(existing);
    try {
      Files.createLink(delegate(l), delegate(e));
    } catch (IOException ex) {
      throw l.getFileSystem().translate(ex, l, e);
    }
  }

  @Override
  public void delete(Path path) throws IOException {
    TmpPath p = check(path);
    TmpFileSystem fs = p.getFileSystem();
    fs.checkNotRoot(p, "delete");
    try {
      Files.delete(delegate(p));
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    TmpPath p = check(path);
    TmpFileSystem fs = p.getFileSystem();
    fs.checkNotRoot(p, "delete");
    try {
      return Files.deleteIfExists(delegate(p));
    } catch (IOException e) {
      throw fs.translate(e, p);
    }
  }

  @Override
  public Path readSymbolicLink(Path link) throws IOException {
    TmpPath l = check(link);
    TmpFileSystem fs = l.getFileSystem();
    try {
      return SymbolicLinkPolicy.scratchTarget(fs.mapping(), l, Files.readSymbolicLink(delegate(l)));
    } catch (IOException e) {
      throw fs.translate(e, l);
    }
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    TmpPath s = check(source);
    TmpPath t = check(target);
    TmpFileSystem fs = t.getFileSystem();
    fs.checkNotRoot(t, "replace");
    Path ds = delegate(s);
    Path dt = delegate(t);
    try {
      if (sameProvider(ds, dt)) {
        Files.copy(ds, dt, options);
        maskCopied(fs, dt);
      } else {
        copyAcross(s, t, ds, options);
      }
    } catch (IOException e) {
      throw fs.translate(e, s, t);
    }
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    TmpPath s = check(source);
    TmpPath t = check(target);
    TmpFileSystem fs = s.getFileSystem();
    fs.checkNotRoot(s, "move");
    t.getFileSystem().checkNotRoot(t, "replace");
    Path ds = delegate(s);
    Path dt = delegate(t);
    try {
      if (sameProvider(ds, dt)) {
        Files.move(ds, dt, options);
        return;
      }
      List<CopyOption> opts = Arrays.asList(options);
      if (opts.contains(ATOMIC_MOVE)) {
        throw new AtomicMoveNotSupportedException(
            s.toString(), t.toString(), "the two tmp: file systems have different delegates");
      }
      copyAcross(s, t, ds, options);
      Files.delete(ds);
    } catch (IOException e) {
      throw fs.translate(e, s, t);
    }
  }

  private static boolean sameProvider(Path a, Path b) {
    return a.getFileSystem().provider() == b.getFileSystem().provider();
  }

  /** A delegate copy keeps the source's mode; a copy into scratch storage keeps only owner bits. */
  private static void maskCopied(TmpFileSystem fs, Path copied) throws IOException {
    if (!fs.ownerOnly()) {
      return;
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(copied, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    BasicFileAttributes attrs = view.readAttributes();
    if (attrs.isSymbolicLink()) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (!OwnerOnlyPermissions.OWNER_BITS.containsAll(perms)) {
      view.setPermissions(OwnerOnlyPermissions.mask(perms));
    }
  }

  /** Copies between two scratch file systems whose delegates are of different providers. */
  private void copyAcross(TmpPath s, TmpPath t, Path ds, CopyOption... options)
      throws IOException {
    List<CopyOption> opts = Arrays.asList(options);
    boolean follow = !opts.contains(LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes attrs =
        follow
            ? Files.readAttributes(ds, BasicFileAttributes.class)
            : Files.readAttributes(ds, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isSymbolicLink()) {
      throw new java.io.IOException("Copying of symbolic links not supported across delegates");
    }
    if (opts.contains(REPLACE_EXISTING)) {
      deleteIfExists(t);
    } else if (Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(t.toString());
    }
    if (attrs.isDirectory()) {
      createDirectory(t);
    } else {
      try (InputStream in = Files.newInputStream(ds);
          OutputStream out = newOutputStream(t, StandardOpenOption.CREATE_NEW)) {
        in.transferTo(out);
      }
    }
    if (opts.contains(COPY_ATTRIBUTES)) {
      getFileAttributeView(t, BasicFileAttributeView.class)
          .setTimes(attrs.lastModifiedTime(), attrs.lastAccessTime(), attrs.creationTime());
    }
  }

  @Override
  public boolean isSameFile(Path path, Path path2) throws IOException {
    TmpPath p = check(path);
    if (p.equals(path2)) {
      return true;
    }
    if (!(path2 instanceof TmpPath)) {
      return false;
    }
    TmpPath q = check(path2);
    try {
      return Files.isSameFile(delegate(p), delegate(q));
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p, q);
    }
  }

  @Override
  public boolean isHidden(Path path) throws IOException {
    TmpPath p = check(path);
    TmpPath name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) throws IOException {
    TmpPath p = check(path);
    try {
      return new TmpFileStore(Files.getFileStore(delegate(p)));
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p);
    }
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    TmpPath p = check(path);
    Path d = delegate(p);
    try {
      d.getFileSystem().provider().checkAccess(d, modes);
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p);
    }
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    TmpPath p = check(path);
    return p.getFileSystem()
        .policyView(Files.getFileAttributeView(delegate(p), type, options), type, p);
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    TmpPath p = check(path);
    try {
      return Files.readAttributes(delegate(p), type, options);
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p);
    }
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    TmpPath p = check(path);
    try {
      return Files.readAttributes(delegate(p), attributes, options);
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p);
    }
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    TmpPath p = check(path);
    Object allowed = AttributePolicy.check(attribute, value, p.toString());
    try {
      Files.setAttribute(delegate(p), attribute, allowed, options);
    } catch (IOException e) {
      throw p.getFileSystem().translate(e, p);
    }
  }
}
