package dev.scratchfs.accounting;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A readable {@link FileChannel} written by someone else, whose {@code size()} claims there is
 * nothing left to read while {@code read} goes on delivering bytes: a source that misreports its
 * length to {@code transferFrom}. Nothing here touches a disk.
 */
final class LyingFileChannel extends FileChannel {
  private final long length;
  private long position;

  /**
   * Creates a source of {@code length} bytes (all 7) that reports a size of its position.
   *
   * @param length how many bytes {@code read} really delivers
   */
  LyingFileChannel(long length) {
    this.length = length;
  }

  @Override
  public int read(ByteBuffer dst) {
    long left = length - position;
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(left, dst.remaining());
    for (int i = 0; i < n; i++) {
      dst.put((byte) 7);
    }
    position += n;
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int count) {
    long total = 0;
    for (int i = offset; i < offset + count; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
    }
    return total;
  }

  /** The lie: the channel claims to end where it is. */
  @Override
  public long size() {
    return position;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public FileChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    throw new IOException("read-only source");
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int count) throws IOException {
    throw new IOException("read-only source");
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    throw new IOException("read-only source");
  }

  @Override
  public void force(boolean metaData) {}

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    throw new IOException("not needed by the tests");
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
    throw new IOException("read-only source");
  }

  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    throw new IOException("not needed by the tests");
  }

  @Override
  public int write(ByteBuffer src, long at) throws IOException {
    throw new IOException("read-only source");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) throws IOException {
    throw new IOException("not needed by the tests");
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) throws IOException {
    throw new IOException("not needed by the tests");
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) throws IOException {
    throw new IOException("not needed by the tests");
  }

  @Override
  protected void implCloseChannel() {}
}
