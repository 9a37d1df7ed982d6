package dev.scratchfs.handle;

import dev.scratchfs.path.TmpPath;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import dev.scratchfs.provider.TmpFileSystem;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * A {@link SecureDirectoryStream} of a {@code tmp:} directory, offered wherever the delegate offers
 * one, so that link-safe tree walkers (Guava's {@code MoreFiles.deleteRecursively}) keep working
 * relative to open directory handles on {@code tmp:} paths.
 *
 * <p>Relative paths given to it must not contain {@code ..}: relative to an open handle the lexical
 * confinement of absolute paths does not apply, so climbing is refused outright. Creation through it
 * is subject to the same owner-only policy as creation by path.
 */
public final class TmpSecureDirectoryStream extends TmpDirectoryStream
    implements SecureDirectoryStream<Path> {
  private final SecureDirectoryStream<Path> delegate;
  private final TmpFileSystem fs;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the delegate's secure stream, accepting all entries
   * @param dir the directory as the caller named it
   * @param filter the caller's filter, or null
   * @param fs the owning scratch file system
   */
  public TmpSecureDirectoryStream(
      SecureDirectoryStream<Path> delegate, TmpPath dir, Filter<? super Path> filter,
      TmpFileSystem fs) {
    super(delegate, dir, filter);
    this.delegate = delegate;
    this.fs = fs;
  }

  private TmpPath check(Path path) {
    if (!(path instanceof TmpPath) || path.getFileSystem() != fs) {
      throw new ProviderMismatchException("not a path of this tmp: file system: " + path);
    }
    return (TmpPath) path;
  }

  private TmpPath absolute(TmpPath path) {
    return path.isAbsolute() ? path : dir().resolve(path);
  }

  @Override
  public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
      throws IOException {
    fs.checkOpen();
    TmpPath p = check(path);
    try {
      SecureDirectoryStream<Path> inner =
          delegate.newDirectoryStream(fs.mapping().toDelegateForDirectory(p), options);
      TmpPath childDir = p.isAbsolute() ? p : dir().resolve(p);
      return fs.adoptDirectoryStream(
          new TmpSecureDirectoryStream(inner, childDir, null, fs), childDir);
    } catch (IOException e) {
      throw fs.translate(e, absolute(p));
    }
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    fs.checkOpen();
    TmpPath p = check(path);
    Path target = fs.mapping().toDelegateForDirectory(p);
    boolean mayCreate = fs.ownerOnly() && TmpFileSystem.creating(options) && !exists(target);
    SeekableByteChannel channel =
        fs.openByteChannel(
            absolute(p), options, attrs,
            (opts, masked) -> delegate.newByteChannel(target, opts, masked));
    if (mayCreate) {
      restrictCreated(target, channel);
    }
    return channel;
  }

  /** Anything but a clear "no such file" counts as existing: then nothing is narrowed. */
  private boolean exists(Path target) {
    try {
      delegate
          .getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Some delegates (jimfs) ignore creation attributes relative to an open directory, so a file
   * created here is narrowed to the owner's bits afterwards, as the policy promises.
   */
  private void restrictCreated(Path target, SeekableByteChannel channel) throws IOException {
    PosixFileAttributeView view =
        delegate.getFileAttributeView(
            target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (!OwnerOnlyPermissions.OWNER_BITS.containsAll(perms)) {
        view.setPermissions(OwnerOnlyPermissions.mask(perms));
      }
    } catch (IOException e) {
      channel.close();
      throw fs.translate(e, dir());
    }
  }

  @Override
  public void deleteFile(Path path) throws IOException {
    fs.checkOpen();
    TmpPath p = check(path);
    try {
      delegate.deleteFile(fs.mapping().toDelegateForDirectory(p));
    } catch (IOException e) {
      throw fs.translate(e, absolute(p));
    }
  }

  @Override
  public void deleteDirectory(Path path) throws IOException {
    fs.checkOpen();
    TmpPath p = check(path);
    fs.checkNotRoot(absolute(p), "delete");
    try {
      delegate.deleteDirectory(fs.mapping().toDelegateForDirectory(p));
    } catch (IOException e) {
      throw fs.translate(e, absolute(p));
    }
  }

  @Override
  public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
      throws IOException {
    fs.checkOpen();
    TmpPath src = check(srcpath);
    if (!(targetdir instanceof TmpSecureDirectoryStream)) {
      throw new ProviderMismatchException("target directory stream is not of a tmp: file system");
    }
    TmpSecureDirectoryStream target = (TmpSecureDirectoryStream) targetdir;
    TmpPath dst = target.check(targetpath);
    fs.checkNotRoot(absolute(src), "move");
    try {
      delegate.move(
          fs.mapping().toDelegateForDirectory(src),
          target.delegate,
          target.fs.mapping().toDelegateForDirectory(dst));
    } catch (IOException e) {
      throw fs.translate(e, absolute(src), target.absolute(dst));
    }
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
    return fs.policyView(delegate.getFileAttributeView(type), type, dir().toAbsolutePath());
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    TmpPath p = check(path);
    Path target;
    try {
      target = fs.mapping().toDelegateForDirectory(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return fs.policyView(delegate.getFileAttributeView(target, type, options), type, absolute(p));
  }
}
