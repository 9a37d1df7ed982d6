package dev.scratchfs.quota;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.util.concurrent.Striped;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * The byte budget of one scratch file system: the bytes its regular files hold together (their
 * sizes, holes included) never pass {@link #limit()} through any write path of the file system.
 *
 * <p>The count starts at 0 with the empty root and is kept by the operations themselves: each write
 * charges the growth it causes before it is made (and is refused whole if that would pass the
 * limit), truncation, deletion and replacement give room back. Operations on one file are
 * serialized by a lock striped on its delegate path, so that the size read before a write is still
 * the size when the write lands.
 *
 * <p>What is not counted: directories and links themselves; bytes written by other processes or
 * through {@code TmpFileSystems.unwrap} paths; a file deleted while a channel keeps it open holds
 * its bytes on disk until that channel closes, while the quota has them back at once.
 */
public final class Quota {
  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final Striped<Lock> locks = Striped.lock(64);

  /**
   * Creates a budget of {@code limit} bytes, none used.
   *
   * @param limit the most bytes the files may hold, at least 0
   */
  public Quota(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("quota must not be negative: " + limit);
    }
    this.limit = limit;
  }

  /**
   * Returns the limit.
   *
   * @return the most bytes the files may hold together
   */
  public long limit() {
    return limit;
  }

  /**
   * Returns the bytes currently counted.
   *
   * @return the used bytes
   */
  public long used() {
    return used.get();
  }

  /**
   * Returns the bytes that may still be written.
   *
   * @return {@code limit - used}, at least 0
   */
  public long remaining() {
    return Math.max(0, limit - used.get());
  }

  /**
   * Returns the lock that serializes size-changing operations on one file.
   *
   * @param delegateFile the delegate path of the file
   * @return its lock
   */
  public Lock lockFor(Path delegateFile) {
    return locks.get(delegateFile.toString());
  }

  /**
   * Counts {@code bytes} more, or refuses them all.
   *
   * @param bytes the growth, may be 0
   * @param path the caller's path, for the message
   * @throws FileSystemException saying the quota would be exceeded; nothing is counted then
   */
  public void charge(long bytes, String path) throws FileSystemException {
    if (bytes <= 0) {
      return;
    }
    while (true) {
      long now = used.get();
      if (bytes > limit - now) {
        throw new FileSystemException(path, null, "quota of " + limit + " bytes exceeded");
      }
      if (used.compareAndSet(now, now + bytes)) {
        return;
      }
    }
  }

  /**
   * Counts {@code bytes} more without checking: for growth that already happened (a write raced by
   * another handle on the same file), so that the count never falls below what is on disk.
   *
   * @param bytes the growth
   */
  public void force(long bytes) {
    if (bytes > 0) {
      used.addAndGet(bytes);
    }
  }

  /**
   * Gives {@code bytes} back.
   *
   * @param bytes the room freed, may be 0
   */
  public void release(long bytes) {
    if (bytes > 0) {
      used.updateAndGet(now -> Math.max(0, now - bytes));
    }
  }

  /**
   * Settles a reservation once the operation is done: gives back what was reserved and not used, or
   * counts what was used beyond it.
   *
   * @param reserved what {@link #charge} took before the operation
   * @param actual the growth that happened (negative when the file shrank)
   */
  public void settle(long reserved, long actual) {
    if (actual < reserved) {
      release(reserved - actual);
    } else {
      force(actual - reserved);
    }
  }

  /**
   * Returns the bytes that deleting or replacing {@code file} frees: its size if it is a regular
   * file whose only name this is, else 0 (a directory, a link, a file with other hard links or a
   * missing file frees nothing).
   *
   * @param file a delegate path
   * @return the bytes freed by removing this name
   * @throws IOException if its attributes cannot be read for another reason than its absence
   */
  public static long freedByRemoving(Path file) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      return 0;
    }
    if (!attrs.isRegularFile()) {
      return 0;
    }
    return linkCount(file) > 1 ? 0 : attrs.size();
  }

  /**
   * Returns how many names a file has, or 1 where the file system does not say.
   *
   * @param file a delegate path
   * @return its link count
   */
  static int linkCount(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return 1;
    }
    try {
      Map<String, Object> nlink = Files.readAttributes(file, "unix:nlink", NOFOLLOW_LINKS);
      Object n = nlink.get("nlink");
      return n instanceof Integer ? (Integer) n : 1;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 1;
    }
  }

  /**
   * Returns the bytes of the regular files in a tree, without following links: what the tree costs
   * a quota when it is moved or copied into a file system.
   *
   * @param tree a delegate path: a file, a directory or a link
   * @return the sum of the sizes of the regular files in it
   * @throws IOException if the tree cannot be walked
   */
  public static long sizeOf(Path tree) throws IOException {
    return TreeSize.of(tree);
  }

  @Override
  public String toString() {
    return "quota " + used() + "/" + limit + " bytes";
  }
}
