package dev.scratchfs;

import static com.google.common.base.Preconditions.checkArgument;

import dev.scratchfs.tempfile.ChannelInputView;
import dev.scratchfs.tempfile.ChannelOutputView;
import dev.scratchfs.tempfile.MemoryChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * A temporary file kept in memory until it grows past a limit, then moved to a {@link
 * TempFiles#temporaryFile(String, String, Path) temporaryFile} on disk. Python's {@code
 * SpooledTemporaryFile}.
 *
 * <p>It behaves as a read-write channel on a new empty file throughout: reads after writes see the
 * written bytes, a write at a position past the end fills the gap with zeros, {@link #truncate} only
 * shrinks. The move ("roll-over") happens before the first write that would make the contents longer
 * than {@code maxSize} bytes (never, if {@code maxSize} is 0, unless the contents outgrow what memory
 * can hold, {@link MemoryChannel#MAX_SIZE}), or when {@link #rollover()} is called; contents and
 * position are the same after it as before. The file on disk is created only then, from the suffix,
 * prefix and directory given at construction (a null directory means {@link TempFiles#gettempdir()}
 * as it is at roll-over time), and has no visible name.
 *
 * <p>Thread-safe: every operation holds this object's lock.
 */
public final class SpooledTempFile implements SeekableByteChannel {
  private final long maxSize;
  private final String suffix;
  private final String prefix;
  private final Path dir;
  private MemoryChannel memory = new MemoryChannel();
  private TempFile file;

  SpooledTempFile(long maxSize, String suffix, String prefix, Path dir) {
    checkArgument(maxSize >= 0, "maxSize must not be negative: %s", maxSize);
    this.maxSize = maxSize;
    this.suffix = suffix;
    this.prefix = prefix;
    this.dir = dir;
  }

  /**
   * Returns the size in bytes the contents may reach in memory.
   *
   * @return the limit; 0 means no limit
   */
  public long maxSize() {
    return maxSize;
  }

  /**
   * Tells whether the contents have moved to a file on disk.
   *
   * @return true after the roll-over
   */
  public synchronized boolean rolledOver() {
    return file != null;
  }

  /**
   * Moves the contents to a new {@code temporaryFile} now, keeping the position. Does nothing if that
   * has already happened. If it fails, the contents stay in memory, unharmed, and the partly written
   * file is removed.
   *
   * @throws java.nio.channels.ClosedChannelException if this file is closed
   * @throws IOException if the file could not be created or written
   */
  public synchronized void rollover() throws IOException {
    if (file != null) {
      return;
    }
    long position = memory.position(); // fails first if closed: nothing is created then
    TempFile target = TempFiles.temporaryFile(suffix, prefix, dir);
    try {
      memory.copyTo(target);
      target.position(position);
    } catch (IOException | RuntimeException e) {
      try {
        target.close();
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    file = target;
    memory.close();
    memory = null;
  }

  /**
   * Returns an unbuffered stream that reads at this file's position and advances it. Closing the
   * stream does not close the file.
   *
   * @return a new input stream over this file
   */
  public InputStream newInputStream() {
    return new ChannelInputView(this);
  }

  /**
   * Returns an unbuffered stream that writes at this file's position and advances it, rolling over as
   * {@link #write} does. Closing the stream does not close the file.
   *
   * @return a new output stream over this file
   */
  public OutputStream newOutputStream() {
    return new ChannelOutputView(this);
  }

  @Override
  public synchronized int read(ByteBuffer dst) throws IOException {
    return current().read(dst);
  }

  /**
   * {@inheritDoc}
   *
   * <p>If the write would make the contents longer than {@link #maxSize()}, the contents are first
   * moved to disk, as by {@link #rollover()}.
   *
   * @throws IOException if writing, or the roll-over before it, failed
   */
  @Override
  public synchronized int write(ByteBuffer src) throws IOException {
    if (file == null && src.hasRemaining() && tooLargeForMemory(memory.position() + src.remaining())) {
      rollover();
    }
    return current().write(src);
  }

  private boolean tooLargeForMemory(long end) {
    return (maxSize > 0 && end > maxSize) || end > MemoryChannel.MAX_SIZE;
  }

  @Override
  public synchronized long position() throws IOException {
    return current().position();
  }

  @Override
  public synchronized SpooledTempFile position(long newPosition) throws IOException {
    current().position(newPosition);
    return this;
  }

  @Override
  public synchronized long size() throws IOException {
    return current().size();
  }

  @Override
  public synchronized SpooledTempFile truncate(long size) throws IOException {
    current().truncate(size);
    return this;
  }

  @Override
  public synchronized boolean isOpen() {
    return current().isOpen();
  }

  /**
   * Discards the contents: frees the memory, or closes the file on disk, which has no name and so
   * disappears. Further calls do nothing.
   *
   * @throws IOException if closing the file on disk failed
   */
  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    } else {
      memory.close();
    }
  }

  private SeekableByteChannel current() {
    return file != null ? file : memory;
  }

  /** Returns where the contents are held, for messages. */
  @Override
  public synchronized String toString() {
    return "SpooledTempFile[" + (file != null ? file : "in memory, maxSize=" + maxSize) + "]";
  }
}
