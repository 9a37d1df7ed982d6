package dev.scratchfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link FileChannel} that forwards to a delegate's channel and runs a {@link IoRun} once
 * the delegate closed. Used only where {@code tmp:} must add behaviour the delegate lacks, such as
 * {@code DELETE_ON_CLOSE} over jimfs, and as the base of channels that add more (the quota's);
 * elsewhere the delegate's own channel is returned unwrapped.
 *
 * <p>It is a real {@code FileChannel}: {@code map} and {@code lock} work, and the locks it returns
 * name this channel. Transfers to or from another plain forwarding channel unwrap it first so the
 * delegate can use its fast path; a subclass is never unwrapped, since its overrides (a quota's
 * checks) must see every byte.
 */
public class ForwardingFileChannel extends FileChannel {
  /** The delegate's channel. */
  protected final FileChannel delegate;
  private final IoRun action;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the open channel
   * @param action what to do after it closed
   */
  public ForwardingFileChannel(FileChannel delegate, IoRun action) {
    this.delegate = delegate;
    this.action = action;
  }

  private static FileChannel unwrap(Object channel) {
    return channel != null && channel.getClass() == ForwardingFileChannel.class
        ? ((ForwardingFileChannel) channel).delegate
        : null;
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
  public int write(ByteBuffer src) throws IOException {
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return delegate.write(srcs, offset, length);
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
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    FileChannel inner = unwrap(target);
    return delegate.transferTo(position, count, inner != null ? inner : target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    FileChannel inner = unwrap(src);
    return delegate.transferFrom(inner != null ? inner : src, position, count);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    return delegate.write(src, position);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return new ForwardingFileLock(this, delegate.lock(position, size, shared));
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    FileLock lock = delegate.tryLock(position, size, shared);
    return lock == null ? null : new ForwardingFileLock(this, lock);
  }

  @Override
  protected final void implCloseChannel() throws IOException {
    try {
      closeDelegate();
    } finally {
      action.run();
    }
  }

  /**
   * Closes the delegate; called once, before the close action.
   *
   * @throws IOException if closing failed
   */
  protected void closeDelegate() throws IOException {
    delegate.close();
  }

  /** A lock of the delegate channel that names the forwarding channel as its channel. */
  private static final class ForwardingFileLock extends FileLock {
    private final FileLock delegate;

    ForwardingFileLock(FileChannel channel, FileLock delegate) {
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
