package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A growable byte array that behaves like a read-write {@link java.nio.channels.FileChannel} on a new
 * empty file: reads at or past the end return -1, a write past the end fills the gap with zeros,
 * {@link #truncate} only shrinks and pulls the position back, and every operation on a closed channel
 * throws {@link ClosedChannelException}.
 *
 * <p>Thread-safe: every operation holds the channel's lock, so reads and writes do not interleave.
 */
public final class MemoryChannel implements SeekableByteChannel {
  /** The most bytes the channel can hold: the largest array the JVM reliably allocates. */
  public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  private static final int MIN_CAPACITY = 64;

  /** Bytes at and beyond {@code size} are always zero, so growing never exposes old contents. */
  private byte[] data = new byte[0];

  private int size;
  private long position;
  private boolean open = true;

  /** Creates an empty, open channel at position 0. */
  public MemoryChannel() {}

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), size - position);
    dst.put(data, (int) position, n);
    position += n;
    return n;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IOException if the contents would grow beyond {@link #MAX_SIZE}
   */
  @Override
  public synchronized int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int n = src.remaining();
    if (n == 0) {
      return 0;
    }
    long end = position + n;
    if (end > MAX_SIZE) {
      throw new IOException(
          "in-memory contents cannot grow to " + end + " bytes (at most " + MAX_SIZE + ")");
    }
    ensureCapacity((int) end);
    src.get(data, (int) position, n);
    position = end;
    size = Math.max(size, (int) end);
    return n;
  }

  @Override
  public synchronized long position() throws IOException {
    ensureOpen();
    return position;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code newPosition} is negative
   */
  @Override
  public synchronized MemoryChannel position(long newPosition) throws IOException {
    checkArgument(newPosition >= 0, "negative position: %s", newPosition);
    ensureOpen();
    position = newPosition;
    return this;
  }

  @Override
  public synchronized long size() throws IOException {
    ensureOpen();
    return size;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code newSize} is negative
   */
  @Override
  public synchronized MemoryChannel truncate(long newSize) throws IOException {
    checkArgument(newSize >= 0, "negative size: %s", newSize);
    ensureOpen();
    if (newSize < size) {
      Arrays.fill(data, (int) newSize, size, (byte) 0);
      size = (int) newSize;
    }
    if (position > newSize) {
      position = newSize;
    }
    return this;
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  /** Closes the channel and lets go of its contents. Closing again does nothing. */
  @Override
  public synchronized void close() {
    open = false;
    data = null;
  }

  /**
   * Writes the whole contents, from the first byte to the last, to {@code target} at its current
   * position. This channel's position is not changed.
   *
   * @param target where to copy the contents
   * @throws IOException if this channel is closed or writing failed
   */
  public synchronized void copyTo(WritableByteChannel target) throws IOException {
    checkNotNull(target, "target");
    ensureOpen();
    ByteBuffer contents = ByteBuffer.wrap(data, 0, size);
    while (contents.hasRemaining()) {
      target.write(contents);
    }
  }

  private void ensureCapacity(int needed) {
    if (needed <= data.length) {
      return;
    }
    long doubled = Math.min(MAX_SIZE, 2L * data.length);
    int capacity = (int) Math.max(needed, Math.max(doubled, MIN_CAPACITY));
    data = Arrays.copyOf(data, capacity);
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
