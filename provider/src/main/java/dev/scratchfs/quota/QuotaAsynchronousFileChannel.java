package dev.scratchfs.quota;

import dev.scratchfs.io.IoRun;
import dev.scratchfs.io.ForwardingAsynchronousFileChannel;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousFileChannel} of a file system with a quota. Writes are charged like those
 * of {@link QuotaFileChannel}; to know the growth before the next write is charged, each write
 * completes before {@code write} returns (the future is already done, the handler is called by the
 * calling thread). Reads, locks and the rest are forwarded unchanged and stay asynchronous.
 */
final class QuotaAsynchronousFileChannel extends ForwardingAsynchronousFileChannel {
  private final OpenFile account;

  QuotaAsynchronousFileChannel(AsynchronousFileChannel delegate, OpenFile account) {
    super(delegate, IoRun.NONE);
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
  public AsynchronousFileChannel truncate(long size) throws IOException {
    account.truncate(delegate::size, () -> delegate.truncate(size));
    return this;
  }

  @Override
  protected void closeDelegate() throws IOException {
    account.close(delegate::size, delegate::close);
  }
}
