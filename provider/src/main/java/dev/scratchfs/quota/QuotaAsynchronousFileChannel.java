package dev.scratchfs.quota;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousFileChannel} of a file system with a quota. Writes are charged like those
 * of {@link QuotaFileChannel}; to know the growth before the next write is charged, each write
 * completes before {@code write} returns (the future is already done, the handler is called by the
 * calling thread). Reads stay asynchronous.
 */
final class QuotaAsynchronousFileChannel extends AsynchronousFileChannel {
  private final AsynchronousFileChannel delegate;
  private final SizeAccount account;

  QuotaAsynchronousFileChannel(AsynchronousFileChannel delegate, SizeAccount account) {
    this.delegate = delegate;
    this.account = account;
  }

  private int writeNow(ByteBuffer src, long position) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position");
    }
    return (int) account.writeAt(delegate::size, position, src.remaining(), () -> {
      try {
        return delegate.write(src, position).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException) {
          throw (IOException) cause;
        }
        throw new IOException(cause);
      }
    });
  }

  @Override
  public Future<Integer> write(ByteBuffer src, long position) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    try {
      result.complete(writeNow(src, position));
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public <A> void write(
      ByteBuffer src, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
    int written;
    try {
      written = writeNow(src, position);
    } catch (IOException e) {
      handler.failed(e, attachment);
      return;
    }
    handler.completed(written, attachment);
  }

  @Override
  public <A> void read(
      ByteBuffer dst, long position, A attachment, CompletionHandler<Integer, ? super A> handler) {
    delegate.read(dst, position, attachment, handler);
  }

  @Override
  public Future<Integer> read(ByteBuffer dst, long position) {
    return delegate.read(dst, position);
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public AsynchronousFileChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
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
