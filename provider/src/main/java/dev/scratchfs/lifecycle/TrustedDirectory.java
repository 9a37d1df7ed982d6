package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a directory in which another user could rename a container and put their own in its
 * place (after which the owner's writes would follow their links): one that users other than the
 * caller can write in without the sticky bit, or that belongs to another user (the owner of a
 * directory may rename anything in it, sticky or not), or that lies below such a directory (there
 * the whole directory can be renamed away and replaced). Root and the caller are trusted.
 *
 * <p>The path as given is checked up to {@code /}, and so is its real path where the two differ
 * (a link, {@code .} or {@code ..} on the way): the real path is where the container is, and the
 * given one is how it is reached (a link on the way is replaced by whoever can write the directory
 * holding it). A sticky directory writable by all, like {@code
 * /tmp}, is fine: there only an entry's owner can rename it. Group-writable counts as writable by
 * others, since the group may hold other users.
 *
 * <p>Only the default file system has other users; where it has no {@code unix} view (Windows),
 * nothing is checked.
 */
final class TrustedDirectory {
  private static final int TYPE_MASK = 0170000;
  private static final int LINK = 0120000;
  private static final int STICKY = 01000;
  private static final int WRITABLE_BY_OTHERS = 0022;

  private TrustedDirectory() {}

  /**
   * Checks that no other user can replace what is created in {@code dir}.
   *
   * @param dir an existing directory
   * @throws FileSystemException if another user could; the message names the directory at fault
   *     and why
   * @throws IOException if a directory on the way cannot be read
   */
  static void check(Path dir) throws IOException {
    if (dir.getFileSystem() != FileSystems.getDefault()
        || !dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return;
    }
    int uid = CurrentUser.uid();
    Path given = dir.toAbsolutePath();
    boolean plain = checkChain(given, given, dir, uid, new HashSet<>());
    if (!plain) {
      // A link or a "." or ".." on the way: where it leads is checked too.
      Set<Path> checked = new HashSet<>();
      for (Path p = given; p != null; p = p.getParent()) {
        checked.add(p);
      }
      Path real = dir.toRealPath();
      checkChain(real, real, dir, uid, checked);
    }
  }

  /**
   * Checks {@code start} and every directory above it, skipping those in {@code checked}.
   *
   * @return true if the chain holds no link and no {@code .} or {@code ..}: then it is the real
   *     path
   */
  private static boolean checkChain(Path start, Path self, Path dir, int uid, Set<Path> checked)
      throws IOException {
    boolean plain = true;
    for (Path p = start; p != null; p = p.getParent()) {
      Path name = p.getFileName();
      if (name != null && (name.toString().equals(".") || name.toString().equals(".."))) {
        plain = false;
      }
      if (!checked.add(p)) {
        continue;
      }
      Map<String, Object> attrs = Files.readAttributes(p, "unix:mode,uid", NOFOLLOW_LINKS);
      int mode = (Integer) attrs.get("mode");
      if ((mode & TYPE_MASK) == LINK) {
        plain = false;
        continue; // where it leads is on the real path; who may replace it, its directory says
      }
      String where = p.equals(self) ? "" : " (on the way to " + dir + ")";
      if (!isTrustedOwner(p, (Integer) attrs.get("uid"), uid)) {
        UserPrincipal owner = Files.getOwner(p, NOFOLLOW_LINKS);
        throw refused(p, "owned by another user, " + owner.getName() + where);
      }
      if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
        throw refused(p, String.format(
            "writable by other users without the sticky bit (mode %o)%s", mode & 07777, where));
      }
    }
    return plain;
  }

  /** Root and the caller; by number where the caller's is known, else by principal. */
  private static boolean isTrustedOwner(Path p, int owner, int caller) throws IOException {
    if (owner == 0 || owner == caller) {
      return true;
    }
    if (caller >= 0) {
      return false;
    }
    UserPrincipal principal = Files.getOwner(p, NOFOLLOW_LINKS);
    return principal.equals(CurrentUser.principal()) || principal.equals(CurrentUser.root());
  }

  private static FileSystemException refused(Path p, String why) {
    return new FileSystemException(p.toString(), null, why
        + ": another user could rename the scratch file system's directory there and put their own"
        + " in its place; choose a directory only you (or root) can write in, or a sticky one like"
        + " /tmp, with the option 'dir'");
  }
}
