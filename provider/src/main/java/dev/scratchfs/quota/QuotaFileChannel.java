package dev.scratchfs.quota;

import dev.scratchfs.io.IoRun;
import dev.scratchfs.io.ForwardingFileChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A {@link FileChannel} of a file system with a quota: every operation that can make the file
 * larger (writes of every form, {@code transferFrom}, {@code map} of a writable channel in any
 * mode) is charged to the {@link Quota} before it is made and refused whole if the quota would be
 * passed; {@code truncate} gives room back; closing tells the {@link InodeLedger}, which gives the
 * bytes of a file without names back when its last channel closes. Reads, locks and the rest are
 * forwarded unchanged, so a read-only channel costs only its close.
 */
final class QuotaFileChannel extends ForwardingFileChannel {
  private final OpenFile account;

  QuotaFileChannel(FileChannel delegate, OpenFile account) {
    super(delegate, IoRun.NONE);
    this.account = account;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return (int) account.write(delegate, -1, src.remaining(), () -> delegate.write(src));
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += srcs[i].remaining();
    }
    return account.write(delegate, -1, total, () -> delegate.write(srcs, offset, length));
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position");
    }
    return (int) account.write(delegate, position, src.remaining(), () -> delegate.write(src, position));
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    return account.transferFrom(delegate, src, position, count);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    if (!account.writable()) {
      return delegate.map(mode, position, size); // a read-only channel cannot extend the file
    }
    // The JDK extends the file to position + size for a mapping of any mode, READ_ONLY included,
    // when the channel can write: that is the growth. Writes into the mapping afterwards do not
    // change the size, so they are within what was counted.
    return account.grow(delegate::size, position, size, () -> delegate.map(mode, position, size));
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
    return this;
  }

  @Override
  protected void closeDelegate() throws IOException {
    account.close(delegate::size, delegate::close);
  }
}
