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
 * OwnerLock#FILE_NAME}, a directory {@value Container#ROOT_NAME} and a directory {@value
 * Container#STAGING_NAME}, and nothing else. Reading stops at the fourth entry, so a large
 * directory costs no more than a small one.
 *
 * <p>Which of those shapes a reaper may remove depends on the name ({@link #isAbandonedShape}):
 *
 * <table>
 *   <caption>Shapes removed once abandoned</caption>
 *   <tr><th>name</th><th>holds</th><th>abandoned when</th></tr>
 *   <tr><td>final</td><td>lock file, with or without {@code root/} and {@code staging/}</td>
 *       <td>the lock is free</td></tr>
 *   <tr><td>building</td><td>nothing; lock file; lock file and {@code root/}</td>
 *       <td>its process is provably gone (and the lock, if any, is free)</td></tr>
 *   <tr><td>tombstone</td><td>lock file, with or without {@code root/} and {@code staging/}</td>
 *       <td>the lock is free</td></tr>
 *   <tr><td>tombstone</td><td>nothing</td><td>its process is provably gone</td></tr>
 * </table>
 *
 * <p>Anything else is never removed: a final name holding {@code root/} (and {@code staging/})
 * without a lock file is a tree kept with {@code cleanup=false}; an empty directory with a final
 * name may be anyone's.
 */
final class ContainerLayout {
  private final Path lockName;
  private final BasicFileAttributes lock;
  private final boolean root;
  private final boolean staging;

  private ContainerLayout(Path lockName, BasicFileAttributes lock, boolean root, boolean staging) {
    this.lockName = lockName;
    this.lock = lock;
    this.root = root;
    this.staging = staging;
  }

  /**
   * Reads a directory's entries.
   *
   * @param container the directory, opened without following links
   * @return its layout, or null if it holds anything but a regular lock file and the directories
   *     {@code root} and {@code staging}
   * @throws IOException if it cannot be read
   */
  static ContainerLayout read(SecureDirectoryStream<Path> container) throws IOException {
    Path lockName = null;
    BasicFileAttributes lock = null;
    boolean root = false;
    boolean staging = false;
    int seen = 0;
    for (Path entry : container) {
      if (++seen > 3) {
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
        root = true;
      } else if (name.toString().equals(Container.STAGING_NAME) && attrs.isDirectory()) {
        staging = true;
      } else {
        return null;
      }
    }
    return new ContainerLayout(lockName, lock, root, staging);
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
      case BUILDING:
        // Built in this order: the lock file, root/; staging/ only once the file system is used.
        return (!root || lock != null) && !staging && name.processIsGone();
      case TOMBSTONE:
        // Deleted in this order: root/ and staging/, then the lock file.
        return lock != null || !root && !staging && name.processIsGone();
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
