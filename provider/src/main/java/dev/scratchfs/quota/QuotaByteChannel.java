package dev.scratchfs.quota;

import dev.scratchfs.io.IoRun;
import dev.scratchfs.io.ForwardingByteChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A {@link SeekableByteChannel} of a file system with a quota, for delegates whose byte channels
 * are not {@code FileChannel}s; see {@link QuotaFileChannel} for the rule.
 */
final class QuotaByteChannel extends ForwardingByteChannel {
  private final OpenFile account;

  QuotaByteChannel(SeekableByteChannel delegate, OpenFile account) {
    super(delegate, IoRun.NONE);
    this.account = account;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return (int) account.write(delegate, -1, src.remaining(), () -> delegate.write(src));
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
    return this;
  }

  @Override
  protected void closeDelegate() throws IOException {
    account.close(delegate::size, delegate::close);
  }
}
