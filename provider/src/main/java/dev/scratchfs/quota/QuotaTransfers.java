package dev.scratchfs.quota;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.IoCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.locks.Lock;

/**
 * Quota bookkeeping of the operations that add or remove whole files: delete, copy, move. Each
 * method takes the quotas of the file systems involved, null where a file system has none, and
 * runs the operation itself only once (the bookkeeping cannot change what it does).
 */
public final class QuotaTransfers {
  private QuotaTransfers() {}

  /**
   * Runs a deletion and gives back the bytes the deleted name held (see {@link
   * Quota#freedByRemoving}).
   *
   * @param quota the quota, or null
   * @param file the delegate path deleted
   * @param op the deletion
   * @param <T> what it returns
   * @return what {@code op} returned
   * @throws IOException as {@code op} throws; then nothing is given back
   */
  public static <T> T delete(Quota quota, Path file, IoCall<T> op) throws IOException {
    if (quota == null) {
      return op.call();
    }
    Lock lock = quota.lockFor(file);
    lock.lock();
    try {
      long freed = Quota.freedByRemoving(file);
      T result = op.call();
      quota.release(freed);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a copy within one delegate file system into a file system with {@code quota}: the copied
   * file's bytes are charged before (refused whole), a replaced file's bytes given back after.
   *
   * @param quota the target's quota, or null
   * @param source the delegate source
   * @param target the delegate target
   * @param replace whether {@code REPLACE_EXISTING} was given
   * @param follow whether links are followed at the source
   * @param path the caller's target path, for messages
   * @param op the copy
   * @throws IOException as {@code op} throws, or if the quota would be exceeded
   */
  public static void copy(
      Quota quota, Path source, Path target, boolean replace, boolean follow, String path,
      IoCall<?> op) throws IOException {
    if (quota == null) {
      op.call();
      return;
    }
    Lock lock = quota.lockFor(target);
    lock.lock();
    try {
      BasicFileAttributes attrs =
          follow
              ? Files.readAttributes(source, BasicFileAttributes.class)
              : Files.readAttributes(source, BasicFileAttributes.class, NOFOLLOW_LINKS);
      long incoming = attrs.isRegularFile() ? attrs.size() : 0;
      long outgoing = replace && !isSame(source, target) ? Quota.freedByRemoving(target) : 0;
      run(quota, incoming - outgoing, path, op);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs a move within one delegate file system, from a file system with quota {@code from} to one
   * with quota {@code to} (the same object, or both null, for a move within one file system).
   *
   * @param from the source's quota, or null
   * @param to the target's quota, or null
   * @param source the delegate source
   * @param target the delegate target
   * @param replace whether {@code REPLACE_EXISTING} was given
   * @param path the caller's target path, for messages
   * @param op the move
   * @throws IOException as {@code op} throws, or if the target's quota would be exceeded
   */
  public static void move(
      Quota from, Quota to, Path source, Path target, boolean replace, String path,
      IoCall<?> op) throws IOException {
    if (from == null && to == null || isSame(source, target)) {
      op.call();
      return;
    }
    long outgoing = replace ? Quota.freedByRemoving(target) : 0;
    if (from == to) {
      op.call();
      to.release(outgoing);
      return;
    }
    long moved = Quota.sizeOf(source);
    if (to == null) {
      op.call();
    } else {
      run(to, moved - outgoing, path, op);
    }
    if (from != null) {
      from.release(moved);
    }
  }

  private static void run(Quota quota, long net, String path, IoCall<?> op) throws IOException {
    long charged = Math.max(0, net);
    quota.charge(charged, path);
    try {
      op.call();
    } catch (IOException | RuntimeException e) {
      quota.release(charged);
      throw e;
    }
    if (net < 0) {
      quota.release(-net);
    }
  }

  private static boolean isSame(Path a, Path b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return Files.exists(b, NOFOLLOW_LINKS) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
