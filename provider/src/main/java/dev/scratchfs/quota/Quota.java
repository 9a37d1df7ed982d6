package dev.scratchfs.quota;

import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte budget of one scratch file system: a limit and the bytes counted against it. It knows
 * nothing about files; {@link InodeLedger} decides what to count, and this class only makes sure
 * that what it adds by {@link #charge} never passes the limit.
 *
 * <p>{@link #charge} is the only refusable step: it is called before an operation that makes a
 * file system hold more, and refuses all of it or nothing. {@link #force} counts growth that
 * already happened (and so cannot be refused), {@link #release} gives bytes back.
 */
public final class Quota {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

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
        throw exceeded(path, "");
      }
      if (used.compareAndSet(now, now + bytes)) {
        return;
      }
    }
  }

  /**
   * Returns the exception of a refused operation.
   *
   * @param path the caller's path
   * @param detail more to say after the limit, or ""
   * @return {@code FileSystemException(path, null, "quota of N bytes exceeded" + detail)}
   */
  FileSystemException exceeded(String path, String detail) {
    return new FileSystemException(path, null, "quota of " + limit + " bytes exceeded" + detail);
  }

  /**
   * Counts {@code bytes} more without checking: growth that already happened, so that the count
   * never falls below what the files hold.
   *
   * @param bytes the growth
   */
  void force(long bytes) {
    if (bytes > 0) {
      used.addAndGet(bytes);
    }
  }

  /**
   * Gives {@code bytes} back.
   *
   * @param bytes the room freed, may be 0
   */
  void release(long bytes) {
    if (bytes > 0) {
      used.updateAndGet(now -> Math.max(0, now - bytes));
    }
  }

  /**
   * Applies a change that already happened: counts growth, gives back shrinkage.
   *
   * @param delta the change in bytes, either sign
   */
  void adjust(long delta) {
    if (delta > 0) {
      force(delta);
    } else {
      release(-delta);
    }
  }

  /**
   * Settles a reservation once the operation is done: gives back what was reserved and not used, or
   * counts what was used beyond it.
   *
   * @param reserved what {@link #charge} took before the operation
   * @param actual the growth that happened (negative when the file shrank)
   */
  void settle(long reserved, long actual) {
    adjust(actual - reserved);
  }

  @Override
  public String toString() {
    return "quota " + used() + "/" + limit + " bytes";
  }
}
