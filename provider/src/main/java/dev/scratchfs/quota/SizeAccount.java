package dev.scratchfs.quota;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.util.concurrent.locks.Lock;

/**
 * The quota bookkeeping of one open channel: how each size-changing operation is charged before it
 * runs and settled after, under the file's lock. Shared by the three channel wrappers so the rule
 * is written once.
 *
 * <p>The rule: read the size, charge {@code max(0, end of the write - size)}, run the operation,
 * read the size again and settle the charge against the real growth. A refused charge throws
 * before the operation runs, so a refused write writes nothing.
 */
final class SizeAccount {
  private final Quota quota;
  private final Lock lock;
  private final String path;
  private final boolean append;
  private final boolean deletedOnClose;

  SizeAccount(Quota quota, Lock lock, String path, boolean append, boolean deletedOnClose) {
    this.quota = quota;
    this.lock = lock;
    this.path = path;
    this.append = append;
    this.deletedOnClose = deletedOnClose;
  }

  private static long end(long position, long count) {
    long end = position + count;
    return end < 0 ? Long.MAX_VALUE : end; // overflow: more than any quota allows
  }

  /**
   * Runs a write of {@code count} bytes at {@code position} ({@code -1}: the channel's position, or
   * the end in append mode).
   */
  long write(
      SeekableByteChannel channel, long position, long count, IoCall<? extends Number> op)
      throws IOException {
    lock.lock();
    try {
      long before = channel.size();
      long at = position >= 0 ? position : append ? before : channel.position();
      long reserved = Math.max(0, end(at, count) - before);
      quota.charge(reserved, path);
      return settleAfter(channel::size, before, reserved, op);
    } finally {
      lock.unlock();
    }
  }

  /** Runs an operation that makes the file at least {@code position + count} long. */
  <T> T grow(SeekableByteChannel channel, long position, long count, IoCall<T> op)
      throws IOException {
    lock.lock();
    try {
      long before = channel.size();
      long reserved = Math.max(0, end(position, count) - before);
      quota.charge(reserved, path);
      Object[] result = new Object[1];
      settleAfter(channel::size, before, reserved, () -> {
        result[0] = op.call();
        return 0;
      });
      @SuppressWarnings("unchecked")
      T t = (T) result[0];
      return t;
    } finally {
      lock.unlock();
    }
  }

  /** Runs a write whose growth is known up front, for channels without a position. */
  long writeAt(IoCall<Long> size, long position, long count, IoCall<? extends Number> op)
      throws IOException {
    lock.lock();
    try {
      long before = size.call();
      long reserved = Math.max(0, end(position, count) - before);
      quota.charge(reserved, path);
      return settleAfter(size, before, reserved, op);
    } finally {
      lock.unlock();
    }
  }

  private long settleAfter(
      IoCall<Long> size, long before, long reserved, IoCall<? extends Number> op)
      throws IOException {
    long result;
    try {
      result = op.call().longValue();
    } catch (IOException | RuntimeException e) {
      settleQuietly(size, before, reserved, e);
      throw e;
    }
    quota.settle(reserved, size.call() - before);
    return result;
  }

  private void settleQuietly(IoCall<Long> size, long before, long reserved, Exception failure) {
    try {
      quota.settle(reserved, size.call() - before);
    } catch (IOException | RuntimeException e) {
      // The channel is unusable; whatever it wrote is unknown. Keep the reservation, so the count
      // errs on the side of less room, and keep the cause with the failure the caller gets.
      failure.addSuppressed(e);
    }
  }

  /** Runs a truncation (or any operation that can only shrink the file) and gives room back. */
  void truncate(IoCall<Long> size, IoRun op) throws IOException {
    lock.lock();
    try {
      long before = size.call();
      op.run();
      quota.settle(0, size.call() - before);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Transfers into {@code channel}: exactly all-or-nothing where the source's length is known (a
   * file channel); otherwise at most what the quota allows is transferred, and if the source still
   * has bytes after that, the file's length is restored and the quota error thrown.
   */
  long transferFrom(FileChannel channel, ReadableByteChannel src, long position, long count)
      throws IOException {
    if (position < 0 || count < 0) {
      throw new IllegalArgumentException("negative position or count");
    }
    lock.lock();
    try {
      long before = channel.size();
      if (position > before) {
        return channel.transferFrom(src, position, count); // writes nothing, by specification
      }
      if (src instanceof FileChannel) {
        FileChannel source = (FileChannel) src;
        long available = Math.max(0, source.size() - source.position());
        long reserved = Math.max(0, end(position, Math.min(count, available)) - before);
        quota.charge(reserved, path);
        return settleAfter(channel::size, before, reserved, () -> channel.transferFrom(src, position, count));
      }
      long cap = Math.min(count, (before - position) + quota.remaining());
      long reserved = Math.max(0, end(position, cap) - before);
      quota.charge(reserved, path);
      long moved = settleAfter(channel::size, before, reserved, () -> channel.transferFrom(src, position, cap));
      if (moved == cap && cap < count && sourceHasMore(src)) {
        long grown = channel.size();
        if (grown > before) {
          channel.truncate(before);
        }
        quota.settle(0, channel.size() - grown);
        throw new FileSystemException(
            path, null, "quota of " + quota.limit() + " bytes exceeded (transfer undone)");
      }
      return moved;
    } finally {
      lock.unlock();
    }
  }

  private static boolean sourceHasMore(ReadableByteChannel src) throws IOException {
    // The byte read here is lost to the caller, as the whole transfer fails.
    return src.read(ByteBuffer.allocate(1)) > 0;
  }

  /** Closes the channel; if closing deletes the file, its bytes are given back. */
  void close(IoCall<Long> size, IoRun close) throws IOException {
    if (!deletedOnClose) {
      close.run();
      return;
    }
    long held;
    try {
      held = size.call();
    } catch (IOException e) {
      held = 0;
    }
    close.run();
    quota.release(held);
  }
}
