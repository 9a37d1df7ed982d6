package dev.scratchfs.policy;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Attribute views of a scratch entry: the delegate's views, with the owner-only policy enforced on
 * every method that could widen access or hand the entry to someone else, and the delegate's
 * exceptions translated to name the caller's path.
 *
 * <ul>
 *   <li>{@code setPermissions} keeps only the owner's bits of the request;
 *   <li>{@code setOwner} and {@code setGroup} to anyone but the current owner or group, and
 *       {@code setAcl}, are refused with {@link
 *       AccessDeniedException}: a scratch entry belongs to the process that made it;
 *   <li>everything else is passed through.
 * </ul>
 *
 * <p>A caller asking for a {@code BasicFileAttributeView} gets only that, so it cannot down-cast its
 * way to an unguarded {@code PosixFileAttributeView}.
 */
public final class OwnerOnlyViews {
  private OwnerOnlyViews() {}

  /** What every call of a view does around the delegate: refuse once closed, translate. */
  private static final class Guard {
    final Runnable checkOpen;
    final UnaryOperator<IOException> translate;

    Guard(Runnable checkOpen, UnaryOperator<IOException> translate) {
      this.checkOpen = checkOpen;
      this.translate = translate;
    }
  }

  /**
   * Wraps a delegate view.
   *
   * @param view the delegate's view, or null
   * @param type the view type the caller asked for
   * @param path the caller's path, for refusals
   * @param checkOpen throws {@code ClosedFileSystemException} once the file system is closed: run
   *     before every call, since a delegate view may answer some calls without touching the disk
   * @param translate rewrites delegate exceptions, and throws {@code ClosedFileSystemException} if
   *     the operation lost a race with the file system's close
   * @param <V> the view type
   * @return the guarded view, or null if {@code view} is null
   */
  public static <V extends FileAttributeView> V wrap(
      V view, Class<V> type, String path, Runnable checkOpen,
      UnaryOperator<IOException> translate) {
    if (view == null) {
      return null;
    }
    Guard translation = new Guard(checkOpen, translate);
    Object result;
    if (type == PosixFileAttributeView.class) {
      result = new Posix((PosixFileAttributeView) view, path, translation);
    } else if (type == BasicFileAttributeView.class) {
      result = new Basic<>((BasicFileAttributeView) view, translation);
    } else if (type == DosFileAttributeView.class) {
      result = new Dos((DosFileAttributeView) view, translation);
    } else if (type == FileOwnerAttributeView.class) {
      result = new Owner<>((FileOwnerAttributeView) view, path, translation);
    } else if (type == AclFileAttributeView.class) {
      result = new Acl((AclFileAttributeView) view, path, translation);
    } else if (type == UserDefinedFileAttributeView.class) {
      result = new UserDefined((UserDefinedFileAttributeView) view, translation);
    } else {
      return view;
    }
    return type.cast(result);
  }

  /**
   * Returns the exception for a refused owner, group or ACL change.
   *
   * @param path the caller's path
   * @return the exception to throw
   */
  public static AccessDeniedException ownerChangeRefused(String path) {
    return new AccessDeniedException(
        path, null, "tmp: refuses owner, group and ACL changes on scratch entries");
  }

  /**
   * Refuses to give an entry to anyone but its current owner; giving it to its own owner changes
   * nothing, and archive extractors and copy tools do it routinely.
   */
  private static void refuseOtherOwner(UserPrincipal owner, UserPrincipal current, String path)
      throws AccessDeniedException {
    Objects.requireNonNull(owner, "owner");
    if (!owner.equals(current)) {
      throw ownerChangeRefused(path);
    }
  }

  private static <T> T call(Guard translation, IoCall<T> call) throws IOException {
    translation.checkOpen.run();
    try {
      return call.call();
    } catch (IOException e) {
      throw translation.translate.apply(e);
    } catch (ClosedDirectoryStreamException e) {
      throw closed(translation, e);
    }
  }

  private static void run(Guard translation, IoRun run) throws IOException {
    call(translation, () -> {
      run.run();
      return null;
    });
  }

  /**
   * The secure directory stream a view belongs to was closed: by the file system's close, which the
   * translation reports by throwing {@code ClosedFileSystemException}, or by its owner.
   */
  private static ClosedDirectoryStreamException closed(
      Guard translation, ClosedDirectoryStreamException e) {
    translation.translate.apply(new ClosedChannelException());
    return e;
  }

  private static class Basic<D extends BasicFileAttributeView> implements BasicFileAttributeView {
    final D delegate;
    final Guard translation;

    Basic(D delegate, Guard translation) {
      this.delegate = delegate;
      this.translation = translation;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public BasicFileAttributes readAttributes() throws IOException {
      return call(translation, () -> delegate.readAttributes());
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
        throws IOException {
      run(translation, () -> delegate.setTimes(lastModifiedTime, lastAccessTime, createTime));
    }
  }

  private static final class Posix extends Basic<PosixFileAttributeView>
      implements PosixFileAttributeView {
    private final String path;

    Posix(PosixFileAttributeView delegate, String path, Guard translation) {
      super(delegate, translation);
      this.path = path;
    }

    @Override
    public PosixFileAttributes readAttributes() throws IOException {
      return call(translation, () -> delegate.readAttributes());
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
      run(translation, () -> delegate.setPermissions(OwnerOnlyPermissions.mask(perms)));
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
      Objects.requireNonNull(group, "group");
      if (!group.equals(readAttributes().group())) {
        throw ownerChangeRefused(path);
      }
      // Giving an entry to the group it has changes nothing; archive extractors do it.
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
      return call(translation, () -> delegate.getOwner());
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
      refuseOtherOwner(owner, getOwner(), path);
    }
  }

  private static final class Dos extends Basic<DosFileAttributeView>
      implements DosFileAttributeView {
    Dos(DosFileAttributeView delegate, Guard translation) {
      super(delegate, translation);
    }

    @Override
    public DosFileAttributes readAttributes() throws IOException {
      return call(translation, () -> delegate.readAttributes());
    }

    @Override
    public void setReadOnly(boolean value) throws IOException {
      run(translation, () -> delegate.setReadOnly(value));
    }

    @Override
    public void setHidden(boolean value) throws IOException {
      run(translation, () -> delegate.setHidden(value));
    }

    @Override
    public void setSystem(boolean value) throws IOException {
      run(translation, () -> delegate.setSystem(value));
    }

    @Override
    public void setArchive(boolean value) throws IOException {
      run(translation, () -> delegate.setArchive(value));
    }
  }

  private static class Owner<D extends FileOwnerAttributeView> implements FileOwnerAttributeView {
    final D delegate;
    final String path;
    final Guard translation;

    Owner(D delegate, String path, Guard translation) {
      this.delegate = delegate;
      this.path = path;
      this.translation = translation;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
      return call(translation, () -> delegate.getOwner());
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
      refuseOtherOwner(owner, getOwner(), path);
    }
  }

  private static final class Acl extends Owner<AclFileAttributeView>
      implements AclFileAttributeView {
    Acl(AclFileAttributeView delegate, String path, Guard translation) {
      super(delegate, path, translation);
    }

    @Override
    public List<AclEntry> getAcl() throws IOException {
      return call(translation, () -> delegate.getAcl());
    }

    @Override
    public void setAcl(List<AclEntry> acl) throws IOException {
      Objects.requireNonNull(acl, "acl");
      throw ownerChangeRefused(path);
    }
  }

  private static final class UserDefined implements UserDefinedFileAttributeView {
    private final UserDefinedFileAttributeView delegate;
    private final Guard translation;

    UserDefined(UserDefinedFileAttributeView delegate, Guard translation) {
      this.delegate = delegate;
      this.translation = translation;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public List<String> list() throws IOException {
      return call(translation, () -> delegate.list());
    }

    @Override
    public int size(String name) throws IOException {
      return call(translation, () -> delegate.size(name));
    }

    @Override
    public int read(String name, ByteBuffer dst) throws IOException {
      return call(translation, () -> delegate.read(name, dst));
    }

    @Override
    public int write(String name, ByteBuffer src) throws IOException {
      return call(translation, () -> delegate.write(name, src));
    }

    @Override
    public void delete(String name) throws IOException {
      run(translation, () -> delegate.delete(name));
    }
  }
}
