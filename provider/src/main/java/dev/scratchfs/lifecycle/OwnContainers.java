package dev.scratchfs.lifecycle;

import dev.scratchfs.io.IoCall;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The containers whose lock this JVM holds, by the file keys (device and inode) of the container
 * directory and of its lock file, so that {@link Reaper} never opens their lock files.
 *
 * <p>That matters because POSIX record locks belong to the process, not to the descriptor: closing
 * <em>any</em> descriptor of a file drops every lock the process holds on it. A reaper in this JVM
 * that opened, tried and closed the lock file of a live file system of this JVM would hand its
 * container to the next reaper of another process.
 *
 * <p>A container is registered before its lock file exists and stays registered until its lock is
 * released. A reaper checks and opens a lock file while holding {@link #probe}'s exclusive lock,
 * and registration takes the shared one, so no container can be registered between a reaper's
 * check and its open. File keys survive renames, so a container stays known while it moves from
 * the name it is built under to its final name to its tombstone.
 */
final class OwnContainers {
  private static final Set<Object> KEYS = ConcurrentHashMap.newKeySet();
  private static final ReadWriteLock LOCK = new ReentrantReadWriteLock();

  private OwnContainers() {}

  /**
   * Registers the file key of a container directory or lock file of this JVM.
   *
   * @param key its file key; null (a file system without file keys) is ignored
   */
  static void add(Object key) {
    if (key == null) {
      return;
    }
    LOCK.readLock().lock();
    try {
      KEYS.add(key);
    } finally {
      LOCK.readLock().unlock();
    }
  }

  /**
   * Forgets a file key, once the lock it protected is released.
   *
   * @param key what {@link #add} was given
   */
  static void remove(Object key) {
    if (key != null) {
      KEYS.remove(key);
    }
  }

  /**
   * Runs {@code probe} (which may open and close the lock file of the container these keys
   * belong to) unless one of the keys is this JVM's, with no registration able to start meanwhile.
   *
   * @param probe the check
   * @param keys the file keys of the container and its lock file; a null key counts as this JVM's,
   *     since nothing could be proved about it
   * @param <T> what it returns
   * @return its result, or null without running it
   * @throws IOException as {@code probe} throws
   */
  static <T> T probe(IoCall<T> probe, Object... keys) throws IOException {
    LOCK.writeLock().lock();
    try {
      for (Object key : keys) {
        if (key == null || KEYS.contains(key)) {
          return null;
        }
      }
      return probe.call();
    } finally {
      LOCK.writeLock().unlock();
    }
  }
}
