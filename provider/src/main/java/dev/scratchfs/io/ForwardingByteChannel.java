package dev.scratchfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A {@link SeekableByteChannel} that forwards to a delegate's channel and runs a {@link IoRun}
 * once it closed; for delegates whose byte channels are not {@code FileChannel}s.
 */
public class ForwardingByteChannel implements SeekableByteChannel {
  /** The delegate's channel. */
  protected final SeekableByteChannel delegate;
  private final CloseOnce once;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the open channel
   * @param action what to do after it closed
   */
  public ForwardingByteChannel(SeekableByteChannel delegate, IoRun action) {
    this.delegate = delegate;
    this.once = new CloseOnce(action);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return delegate.write(src);
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
    delegate.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public final void close() throws IOException {
    once.close(this::closeDelegate);
  }

  /**
   * Closes the delegate; called once, before the close action.
   *
   * @throws IOException if closing failed
   */
  protected void closeDelegate() throws IOException {
    delegate.close();
  }
}
