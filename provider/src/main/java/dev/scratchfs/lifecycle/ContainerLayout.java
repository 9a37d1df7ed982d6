package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a directory that may be a container holds, read through its open handle without following
 * links, and whether that is a shape scratchfs leaves behind: at most a regular file {@value
 * OwnerLock#FILE_NAME} and a directory {@code root}, and nothing else. Reading stops at the third
 * entry, so a large directory costs no more than a small one.
 *
 * <p>Which of those shapes a reaper may remove depends on the name ({@link #isAbandonedShape}):
 *
 * <table>
 *   <caption>Shapes removed once abandoned</caption>
 *   <tr><th>name</th><th>holds</th><th>abandoned when</th></tr>
 *   <tr><td>final</td><td>lock file, with or without {@code root/}</td><td>the lock is free</td></tr>
 *   <tr><td>staging</td><td>nothing; lock file; lock file and {@code root/}</td>
 *       <td>its process is provably gone (and the lock, if any, is free)</td></tr>
 *   <tr><td>tombstone</td><td>lock file, with or without {@code root/}</td>
 *       <td>the lock is free</td></tr>
 *   <tr><td>tombstone</td><td>nothing</td><td>its process is provably gone</td></tr>
 * </table>
 *
 * <p>Anything else is never removed: a final name holding only {@code root/} is a tree kept with
 * {@code cleanup=false}; an empty directory with a final name may be anyone's.
 */
final class ContainerLayout {
  private final Path lockName;
  private final BasicFileAttributes lock;
  private final BasicFileAttributes root;

  private ContainerLayout(Path lockName, BasicFileAttributes lock, BasicFileAttributes root) {
    this.lockName = lockName;
    this.lock = lock;
    this.root = root;
  }

  /**
   * Reads a directory's entries.
   *
   * @param container the directory, opened without following links
   * @return its layout, or null if it holds anything but a regular lock file and a {@code root}
   *     directory
   * @throws IOException if it cannot be read
   */
  static ContainerLayout read(SecureDirectoryStream<Path> container) throws IOException {
    Path lockName = null;
    BasicFileAttributes lock = null;
    BasicFileAttributes root = null;
    int seen = 0;
    for (Path entry : container) {
      if (++seen > 2) {
        return null;
      }
      Path name = entry.getFileName();
      BasicFileAttributes attrs =
          container.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
              .readAttributes();
      if (name.toString().equals(OwnerLock.FILE_NAME) && attrs.isRegularFile()) {
        lockName = name;
        lock = attrs;
      } else if (name.toString().equals(Container.ROOT_NAME) && attrs.isDirectory()) {
        root = attrs;
      } else {
        return null;
      }
    }
    return new ContainerLayout(lockName, lock, root);
  }

  /**
   * Tells whether this is a shape that a container named {@code name} is left in when its process
   * stops, and, where no lock can tell, whether that process is provably gone.
   *
   * @param name what the directory's name says
   * @return true if only a free lock (where there is a lock file) remains to be checked
   */
  boolean isAbandonedShape(ContainerName name) {
    switch (name.kind()) {
      case FINAL:
        return lock != null;
      case STAGING:
        return (root == null || lock != null) && name.processIsGone();
      case TOMBSTONE:
        return lock != null || root == null && name.processIsGone();
      default:
        return false;
    }
  }

  /**
   * Returns the lock file's name.
   *
   * @return its name, or null if there is none
   */
  Path lockName() {
    return lockName;
  }

  /**
   * Returns the lock file's attributes, as read.
   *
   * @return its attributes, or null if there is none
   */
  BasicFileAttributes lock() {
    return lock;
  }
}
