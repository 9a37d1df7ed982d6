package dev.scratchfs.quota;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A {@link SeekableByteChannel} of a file system with a quota, for delegates whose byte channels
 * are not {@code FileChannel}s; see {@link QuotaFileChannel} for the rule.
 */
final class QuotaByteChannel implements SeekableByteChannel {
  private final SeekableByteChannel delegate;
  private final SizeAccount account;

  QuotaByteChannel(SeekableByteChannel delegate, SizeAccount account) {
    this.delegate = delegate;
    this.account = account;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return (int) account.write(delegate, -1, src.remaining(), () -> delegate.write(src));
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
    return this;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public void close() throws IOException {
    if (delegate.isOpen()) {
      account.close(delegate::size, delegate::close);
    }
  }
}
