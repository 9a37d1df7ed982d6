package dev.scratchfs.provider;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.lifecycle.FileSystemState;
import dev.scratchfs.policy.AttributePolicy;
import dev.scratchfs.policy.OwnerOnlyViews;
import java.io.File;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The one gate between a scratch file system and its delegate: every operation on {@code tmp:}
 * paths passes through here on its way down, in the same steps.
 *
 * <ol>
 *   <li><b>check</b> ({@link #check}): the path is a {@code tmp:} path of this file system (else
 *       {@link ProviderMismatchException}) and the file system is open (else {@link
 *       ClosedFileSystemException});
 *   <li><b>map</b> ({@link #map}): relative paths start where this gate starts, and the result is
 *       confined to the root ({@link dev.scratchfs.path.PathMapping});
 *   <li><b>apply the policy</b>: owner-only creation attributes, masked and refused attribute
 *       changes ({@link dev.scratchfs.policy}), the link policy ({@link LinkPolicy}), the root's
 *       protection, the channel layers ({@link ChannelOpening});
 *   <li><b>call</b> the delegate through its {@link DelegateAccess};
 *   <li><b>translate</b> ({@link #call}): delegate exceptions name the caller's paths, with the
 *       same type; an operation that lost a race with {@code close()} reports {@link
 *       ClosedFileSystemException}.
 * </ol>
 *
 * <p>A gate is parameterized by where it starts, as jimfs's {@code FileSystemView} is: the file
 * system's root gate takes relative paths from {@code /} and reaches the delegate by path; the gate
 * of a {@link TmpSecureDirectoryStream} takes them from its open directory and reaches the
 * delegate through the delegate's secure stream, so they stay relative to the open handle.
 */
final class Gate {
  private final TmpFileSystem fs;
  /** The directory relative paths start from; null for the root gate. */
  private final TmpPath dir;
  private final DelegateAccess access;

  Gate(TmpFileSystem fs, TmpPath dir, DelegateAccess access) {
    this.fs = fs;
    this.dir = dir;
    this.access = access;
  }

  /** Returns the gate of an open directory of this file system, taking relative paths from it. */
  Gate relativeTo(TmpPath openDir, SecureDirectoryStream<Path> delegateStream) {
    return new Gate(
        fs, openDir,
        DelegateAccess.of(delegateStream, fs.traits().secureStreamKeepsCreationAttributes()));
  }

  TmpFileSystem fileSystem() {
    return fs;
  }

  DelegateAccess access() {
    return access;
  }

  FileSystemProvider delegateProvider() {
    return fs.mapping().delegateFileSystem().provider();
  }

  /** The open directory this gate starts from; null for the root gate. */
  TmpPath directory() {
    return dir;
  }

  // ---------------------------------------------------------------- the steps

  /** Step 1: the path is one of this file system's, and the file system is open. */
  TmpPath check(Path path) {
    Objects.requireNonNull(path, "path");
    if (!(path instanceof TmpPath) || ((TmpPath) path).getFileSystem() != fs) {
      throw new ProviderMismatchException(
          "not a path of " + fs + ": " + path + " (of " + path.getFileSystem() + ")");
    }
    fs.state().checkOpen();
    return (TmpPath) path;
  }

  /** The absolute path a caller's path names, for messages and for the policy. */
  TmpPath absolute(TmpPath path) {
    return path.isAbsolute() || dir == null ? path.toAbsolutePath() : dir.resolve(path);
  }

  /** Step 2: the delegate path, relative to the open directory where this gate has one. */
  Path map(TmpPath path) throws FileSystemException {
    if (dir != null && !path.isAbsolute()) {
      return fs.mapping().toDelegateRelative(path);
    }
    return mapByPath(path);
  }

  /** Step 2, always as an absolute delegate path (for operations no open handle offers). */
  Path mapByPath(TmpPath path) {
    boolean cacheable = dir == null || path.isAbsolute();
    Path cached = cacheable ? path.cachedDelegate() : null;
    if (cached != null) {
      return cached;
    }
    Path shortcut = cacheable ? path.delegateFromParent(fs.mapping()) : null; // see TmpPath
    Path mapped = shortcut != null ? shortcut : fs.mapping().toDelegate(absolute(path).normalize());
    if (cacheable) {
      path.cacheDelegate(mapped);
    }
    return mapped;
  }

  /** Steps 4 and 5: calls the delegate and translates what it throws. */
  <T> T call(IoCall<T> step, TmpPath... paths) throws IOException {
    try {
      return step.call();
    } catch (IOException e) {
      throw translate(e, paths);
    } catch (IllegalStateException e) {
      throw stateOf(paths).lostToClose(e); // a handle closed under the call
    }
  }

  /** The state of this file system, or of another one that a path is of, if that one closed. */
  private FileSystemState stateOf(TmpPath... paths) {
    for (TmpPath p : paths) {
      if (p.getFileSystem() != fs && !p.getFileSystem().isOpen()) {
        return p.getFileSystem().state();
      }
    }
    return fs.state();
  }

  /** Step 5: an exception that names the caller's paths, or the close that the call lost to. */
  IOException translate(IOException e, TmpPath... paths) {
    if (!stateOf(paths).isOpen()) {
      throw (ClosedFileSystemException) new ClosedFileSystemException().initCause(e);
    }
    return ExceptionTranslator.translate(e, fs.mapping(), p -> {
      try {
        return map(p);
      } catch (IOException | RuntimeException unmappable) {
        return null;
      }
    }, paths);
  }

  /** The policy's protection of the root: it is never deleted, moved or replaced. */
  void checkNotRoot(TmpPath path, String operation) throws FileSystemException {
    if (absolute(path).normalize().getNameCount() == 0) {
      throw new FileSystemException(
          path.toString(), null, "cannot " + operation + " the root of a tmp: file system");
    }
  }

  // ---------------------------------------------------------------- channels and streams

  SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, String kind, FileAttribute<?>... attrs)
      throws IOException {
    TmpPath p = check(path);
    return ChannelOpening.open(this, p, options, attrs, kind, ChannelKind.BYTE,
        (d, opts, masked) -> access.newByteChannel(d, opts, masked));
  }

  FileChannel newFileChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    return ChannelOpening.open(this, p, options, attrs, "file channel", ChannelKind.FILE,
        (d, opts, masked) -> delegateProvider().newFileChannel(d, opts, masked));
  }

  AsynchronousFileChannel newAsynchronousFileChannel(
      Path path, Set<? extends OpenOption> options, ExecutorService executor,
      FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    return ChannelOpening.open(this, p, options, attrs, "asynchronous file channel",
        ChannelKind.ASYNCHRONOUS,
        (d, opts, masked) ->
            delegateProvider().newAsynchronousFileChannel(d, opts, executor, masked));
  }

  /** Opens a stream whose entries resolve against {@code shownDir}, or the path as given. */
  DirectoryStream<Path> newDirectoryStream(Path path, DirectoryStream.Filter<? super Path> filter,
      TmpPath shownDir, LinkOption... options) throws IOException {
    TmpPath p = check(path);
    DirectoryStream<Path> stream = call(() -> access.newDirectoryStream(map(p), options), p);
    TmpPath shown = shownDir == null || p.isAbsolute() ? p : shownDir.resolve(p);
    boolean byPath = dir == null || p.isAbsolute(); // opened where `shown` maps to by path
    TmpDirectoryStream result =
        stream instanceof SecureDirectoryStream
            ? new TmpSecureDirectoryStream(
                (SecureDirectoryStream<Path>) stream, shown, byPath, filter,
                relativeTo(absolute(p).normalize(), (SecureDirectoryStream<Path>) stream))
            : new TmpDirectoryStream(stream, shown, byPath, filter);
    return fs.state().register(result, "directory stream", absolute(p).toString());
  }

  // ---------------------------------------------------------------- entries

  void createDirectory(Path path, FileAttribute<?>... attrs) throws IOException {
    TmpPath p = check(path);
    FileAttribute<?>[] masked = fs.creationPolicy().attributes(attrs, true);
    call(() -> {
      fs.creationPolicy().createDirectory(this, mapByPath(p), masked);
      return null;
    }, p);
  }

  void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
    TmpPath l = check(link);
    Objects.requireNonNull(target, "target");
    if (!(target instanceof TmpPath) || target.getFileSystem() != fs) {
      throw new ProviderMismatchException("link target is not a path of " + fs + ": " + target);
    }
    TmpPath t = (TmpPath) target;
    call(() -> {
      LinkPolicy.create(this, l, t, attrs);
      return null;
    }, l, t);
  }

  void createLink(Path link, Path existing) throws IOException {
    TmpPath l = check(link);
    TmpPath e = check(Inodes.linkable(fs, l, existing));
    call(() -> Inodes.linking(this, e, () -> LinkPolicy.createHardLink(this, l, e)), l, e);
  }

  /** Deletes any entry ({@code directory} null), or only a file or a directory (secure streams). */
  boolean delete(Path path, boolean ifExists, Boolean directory) throws IOException {
    TmpPath p = check(path);
    checkNotRoot(p, "delete");
    Path d = map(p);
    IoCall<Boolean> removal =
        directory == null ? () -> access.deleteAny(d, ifExists) : () -> access.deleteEntry(d, directory);
    return call(() -> Inodes.removing(this, p, d, removal), p);
  }

  Path readSymbolicLink(Path link) throws IOException {
    TmpPath l = check(link);
    return call(() -> LinkPolicy.read(this, l), l);
  }

  void copy(Path source, Path target, CopyOption... options) throws IOException {
    Copies.copy(this, check(source), target, options);
  }

  void move(Path source, Path target, CopyOption... options) throws IOException {
    Transfers.move(this, check(source), target, options);
  }

  boolean isSameFile(Path path, Path path2) throws IOException {
    TmpPath p = check(path);
    Objects.requireNonNull(path2, "path2");
    if (p.equals(path2)) {
      return true;
    }
    if (!(path2 instanceof TmpPath)) {
      return false;
    }
    TmpPath q = (TmpPath) path2;
    Gate other = q.getFileSystem().rootGate();
    other.check(q);
    return call(() -> delegateProvider().isSameFile(mapByPath(p), other.mapByPath(q)), p, q);
  }

  // ---------------------------------------------------------------- attributes and the rest

  FileStore getFileStore(Path path) throws IOException {
    TmpPath p = check(path);
    return call(() -> fs.fileStore(delegateProvider().getFileStore(mapByPath(p))), p);
  }

  void checkAccess(Path path, AccessMode... modes) throws IOException {
    TmpPath p = check(path);
    call(() -> {
      delegateProvider().checkAccess(mapByPath(p), modes);
      return null;
    }, p);
  }

  <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    TmpPath p = check(path);
    Path d;
    try {
      d = map(p);
    } catch (FileSystemException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return policyView(
        access.getFileAttributeView(d, type, options), type, dir == null ? p : absolute(p));
  }

  /** The guarded view of the open directory itself (secure streams). */
  <V extends FileAttributeView> V getDirectoryAttributeView(Class<V> type) {
    fs.state().checkOpen();
    return policyView(access.directory().getFileAttributeView(type), type, dir);
  }

  private <V extends FileAttributeView> V policyView(V view, Class<V> type, TmpPath p) {
    return OwnerOnlyViews.wrap(
        view, type, p.toString(), fs.state()::checkOpen, e -> translate(e, p));
  }

  <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    TmpPath p = check(path);
    return call(() -> delegateProvider().readAttributes(mapByPath(p), type, options), p);
  }

  Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    TmpPath p = check(path);
    return call(() -> delegateProvider().readAttributes(mapByPath(p), attributes, options), p);
  }

  void setAttribute(Path path, String attribute, Object value, LinkOption... options)
      throws IOException {
    TmpPath p = check(path);
    call(() -> {
      Object allowed = AttributePolicy.check(attribute, value, p.toString(), name ->
          delegateProvider().readAttributes(mapByPath(p), name, options).get(name.split(":")[1]));
      delegateProvider().setAttribute(mapByPath(p), attribute, allowed, options);
      return null;
    }, p);
  }

  TmpPath toRealPath(TmpPath path, LinkOption... options) throws IOException {
    TmpPath p = check(path);
    Path real = call(() -> mapByPath(p).toRealPath(options), p);
    String shown = fs.mapping().fromDelegate(real);
    if (shown == null) {
      throw new FileSystemException(
          path.toString(), null, "resolves outside the tmp: file system (through a symbolic link)");
    }
    return TmpPath.parse(fs, shown);
  }

  /** Tells whether the path is an existing directory; false when that cannot be told. */
  boolean isDirectory(TmpPath path) {
    if (!fs.state().isOpen()) {
      return false;
    }
    try {
      return delegateProvider().readAttributes(mapByPath(path), BasicFileAttributes.class)
          .isDirectory();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  File toFile(TmpPath path) {
    if (!fs.traits().hasFiles()) {
      throw new UnsupportedOperationException(
          "the delegate of " + fs + " has no java.io files: " + path);
    }
    return mapByPath(check(path)).toFile();
  }
}
