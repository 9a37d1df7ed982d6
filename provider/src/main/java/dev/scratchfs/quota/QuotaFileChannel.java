package dev.scratchfs.quota;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link FileChannel} of a file system with a quota: every operation that can make the file
 * larger (writes of every form, {@code transferFrom}, {@code map} for writing) is charged to the
 * {@link Quota} before it is made and refused whole if the quota would be passed; {@code truncate}
 * gives room back. Reads, locks and the rest go straight to the delegate.
 */
final class QuotaFileChannel extends FileChannel {
  private final FileChannel delegate;
  private final SizeAccount account;

  QuotaFileChannel(FileChannel delegate, SizeAccount account) {
    this.delegate = delegate;
    this.account = account;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
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
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    if (mode == MapMode.READ_ONLY) {
      return delegate.map(mode, position, size);
    }
    // Mapping past the end for writing extends the file to position + size: that is the growth.
    // Writes into the mapping afterwards do not change the size, so they are within what was counted.
    return account.grow(delegate, position, size, () -> delegate.map(mode, position, size));
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return new Lock(this, delegate.lock(position, size, shared));
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    FileLock lock = delegate.tryLock(position, size, shared);
    return lock == null ? null : new Lock(this, lock);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    account.close(delegate::size, delegate::close);
  }

  /** A lock of the delegate channel that names this channel, as {@code FileLock} requires. */
  private static final class Lock extends FileLock {
    private final FileLock delegate;

    Lock(FileChannel channel, FileLock delegate) {
      super(channel, delegate.position(), delegate.size(), delegate.isShared());
      this.delegate = delegate;
    }

    @Override
    public boolean isValid() {
      return delegate.isValid();
    }

    @Override
    public void release() throws IOException {
      delegate.release();
    }
  }

}
