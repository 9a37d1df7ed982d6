package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

  /**
   * The ancestors of the directory checked last, which a suite checks again for every file system
   * it makes: only names, worked out from the path's text, never a verdict. Every check reads every
   * directory on the way afresh, since root or the caller may have changed one meanwhile (a sticky
   * bit taken away, a directory moved below another), and then it must be refused.
   */
  private static volatile Chain last;

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
    Chain chain = last;
    if (chain == null || !chain.start.equals(given)) {
      chain = new Chain(given);
      last = chain;
    }
    boolean noLink = checkChain(chain, dir, uid, null);
    if (!noLink || chain.hasDots) {
      // A link or a "." or ".." on the way: where it leads is checked too.
      Set<Path> checked = new HashSet<>(Arrays.asList(chain.paths));
      checkChain(new Chain(dir.toRealPath()), dir, uid, checked);
    }
  }

  /** A path and every directory above it, from the path up to {@code /}. */
  private static final class Chain {
    final Path start;
    final Path[] paths;
    final boolean hasDots;

    Chain(Path start) {
      this.start = start;
      List<Path> up = new ArrayList<>();
      boolean dots = false;
      for (Path p = start; p != null; p = p.getParent()) {
        up.add(p);
        Path name = p.getFileName();
        if (name != null && (name.toString().equals(".") || name.toString().equals(".."))) {
          dots = true;
        }
      }
      this.paths = up.toArray(new Path[0]);
      this.hasDots = dots;
    }
  }

  /**
   * Checks the chain's directories, skipping those in {@code checked}, each read once without
   * following a link.
   *
   * @return true if none of them is a link
   */
  private static boolean checkChain(Chain chain, Path dir, int uid, Set<Path> checked)
      throws IOException {
    boolean noLink = true;
    for (int i = 0; i < chain.paths.length; i++) {
      Path p = chain.paths[i];
      if (checked != null && !checked.add(p)) {
        continue;
      }
      Map<String, Object> attrs = Files.readAttributes(p, "unix:mode,uid", NOFOLLOW_LINKS);
      int mode = (Integer) attrs.get("mode");
      if ((mode & TYPE_MASK) == LINK) {
        noLink = false;
        continue; // where it leads is on the real path; who may replace it, its directory says
      }
      if (!isTrustedOwner(p, (Integer) attrs.get("uid"), uid)) {
        UserPrincipal owner = Files.getOwner(p, NOFOLLOW_LINKS);
        throw refused(p, "owned by another user, " + owner.getName() + where(i, dir));
      }
      if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
        throw refused(p, String.format(
            "writable by other users without the sticky bit (mode %o)%s", mode & 07777,
            where(i, dir)));
      }
    }
    return noLink;
  }

  /** Names the directory asked for where the one at fault is above it. */
  private static String where(int index, Path dir) {
    return index == 0 ? "" : " (on the way to " + dir + ")";
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
