package dev.scratchfs.quota;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.locks.Lock;

/**
 * The quota bookkeeping of one open channel: how each size-changing operation is charged before it
 * runs and settled after, under the file's lock (by inode, so other names and channels of the file
 * wait). Shared by the three channel wrappers so the rule is written once.
 *
 * <p>The rule: read the size, charge {@code max(0, end of the write - size)}, run the operation,
 * read the size again and settle the file's count to it. A refused charge throws before the
 * operation runs, so a refused write writes nothing. Closing the channel settles the count once
 * more and tells the {@link InodeLedger}, which gives the file's bytes back if that was the last
 * thing holding it.
 */
final class OpenFile {
  private final InodeLedger ledger;
  private final Quota quota;
  private final Object key;
  private final FileAccount account;
  private final Lock lock;
  private final String path;
  private final boolean append;
  private final boolean writable;
  private final boolean removesNameOnClose;

  OpenFile(InodeLedger ledger, Object key, FileAccount account, String path, boolean append,
      boolean writable, boolean removesNameOnClose) {
    this.ledger = ledger;
    this.quota = ledger.quota();
    this.key = key;
    this.account = account;
    this.lock = ledger.lockFor(key);
    this.path = path;
    this.append = append;
    this.writable = writable;
    this.removesNameOnClose = removesNameOnClose;
  }

  /** Whether the channel can write (and so lengthen the file by mapping it, in any mode). */
  boolean writable() {
    return writable;
  }

  private static long end(long position, long count) {
    long end = position + count;
    return end < 0 ? Long.MAX_VALUE : end; // overflow: more than any quota allows
  }

  /** Reads the size under the lock and makes it the file's count (growth made elsewhere). */
  private long settledSize(IoCall<Long> size) throws IOException {
    long now = size.call();
    ledger.resize(account, now);
    return now;
  }

  /**
   * Runs a write of {@code count} bytes at {@code position} ({@code -1}: the channel's position, or
   * the end in append mode).
   */
  long write(SeekableByteChannel channel, long position, long count, IoCall<? extends Number> op)
      throws IOException {
    lock.lock();
    try {
      long before = settledSize(channel::size);
      long at = position >= 0 ? position : append ? before : channel.position();
      long reserved = Math.max(0, end(at, count) - before);
      quota.charge(reserved, path);
      return settleAfter(channel::size, reserved, op).longValue();
    } finally {
      lock.unlock();
    }
  }

  /** Runs an operation that makes the file at least {@code position + count} long (a mapping). */
  <T> T grow(IoCall<Long> size, long position, long count, IoCall<T> op) throws IOException {
    lock.lock();
    try {
      long before = settledSize(size);
      long reserved = Math.max(0, end(position, count) - before);
      quota.charge(reserved, path);
      return settleAfter(size, reserved, op);
    } finally {
      lock.unlock();
    }
  }

  /** Runs a write whose growth is known up front, for channels without a position. */
  long writeAt(IoCall<Long> size, long position, long count, IoCall<? extends Number> op)
      throws IOException {
    return grow(size, position, count, op).longValue();
  }

  /** Runs {@code op} with {@code reserved} charged, then settles the file's count to its size. */
  private <T> T settleAfter(IoCall<Long> size, long reserved, IoCall<T> op) throws IOException {
    long counted = account.counted();
    T result;
    try {
      result = op.call();
    } catch (IOException | RuntimeException e) {
      settleQuietly(size, counted, reserved, e);
      throw e;
    }
    ledger.settle(account, reserved, size.call());
    return result;
  }

  private void settleQuietly(IoCall<Long> size, long counted, long reserved, Exception failure) {
    try {
      ledger.settle(account, reserved, size.call());
    } catch (IOException | RuntimeException e) {
      // The channel is unusable; what it wrote is unknown. Keep the reservation as part of the
      // file's count, so the count errs on the side of less room and comes back with the file.
      account.resize(counted + reserved);
      failure.addSuppressed(e);
    }
  }

  /** Runs a truncation (or any operation that can only shrink the file) and gives room back. */
  void truncate(IoCall<Long> size, IoRun op) throws IOException {
    lock.lock();
    try {
      settledSize(size);
      op.run();
      settledSize(size);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Transfers into {@code channel} at most what the quota allows; if the source still has bytes
   * after that, the file's length is restored and the quota error thrown. A {@code FileChannel}
   * source that says it holds more than fits is refused before anything is read; what it says is
   * only a hint, since such a source may be anyone's class.
   */
  long transferFrom(FileChannel channel, ReadableByteChannel src, long position, long count)
      throws IOException {
    if (position < 0 || count < 0) {
      throw new IllegalArgumentException("negative position or count");
    }
    lock.lock();
    try {
      long before = settledSize(channel::size);
      if (position > before) {
        return channel.transferFrom(src, position, count); // writes nothing, by specification
      }
      if (src instanceof FileChannel) {
        FileChannel source = (FileChannel) src;
        long said = Math.max(0, source.size() - source.position());
        if (end(position, Math.min(count, said)) - before > quota.remaining()) {
          throw quota.exceeded(path, "");
        }
      }
      long cap = Math.min(count, (before - position) + quota.remaining());
      long reserved = Math.max(0, end(position, cap) - before);
      quota.charge(reserved, path);
      long moved =
          settleAfter(channel::size, reserved, () -> channel.transferFrom(src, position, cap));
      if (moved == cap && cap < count && sourceHasMore(src)) {
        if (channel.size() > before) {
          channel.truncate(before);
        }
        settledSize(channel::size);
        throw quota.exceeded(path, " (transfer undone)");
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

  /** Closes the channel, settles the file's count and tells the ledger the channel is gone. */
  void close(IoCall<Long> size, IoRun close) throws IOException {
    lock.lock();
    try {
      long last;
      try {
        last = size.call();
      } catch (IOException | RuntimeException unknown) {
        last = -1;
      }
      try {
        close.run();
      } finally {
        ledger.closed(key, account, last, removesNameOnClose);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return path + ": " + account;
  }
}
