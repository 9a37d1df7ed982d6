package dev.scratchfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousFileChannel} that forwards to a delegate's channel and runs a {@link
 * IoRun} once it closed; used for {@code DELETE_ON_CLOSE} where the delegate ignores it, and
 * as the base of channels that add more (the quota's).
 */
public class ForwardingAsynchronousFileChannel extends AsynchronousFileChannel {
  /** The delegate's channel. */
  protected final AsynchronousFileChannel delegate;
  private final CloseOnce once;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the open channel
   * @param action what to do after it closed
   */
  public ForwardingAsynchronousFileChannel(AsynchronousFileChannel delegate, IoRun action) {
    this.delegate = delegate;
    this.once = new CloseOnce(action);
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public AsynchronousFileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public <A> void lock(
      long position, long size, boolean shared, A attachment,
      CompletionHandler<FileLock, ? super A> handler) {
    delegate.lock(position, size, shared, attachment, handler);
  }

  @Override
  public Future<FileLock> lock(long position, long size, boolean shared) {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  public <A> void read(
      ByteBuffer dst, long position, A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    delegate.read(dst, position, attachment, handler);
  }

  @Override
  public Future<Integer> read(ByteBuffer dst, long position) {
    return delegate.read(dst, position);
  }

  @Override
  public <A> void write(
      ByteBuffer src, long position, A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    delegate.write(src, position, attachment, handler);
  }

  @Override
  public Future<Integer> write(ByteBuffer src, long position) {
    return delegate.write(src, position);
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
