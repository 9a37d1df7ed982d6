package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * An {@link OutputStream} that writes to a channel at the channel's position and advances it,
 * unbuffered. Unlike {@link java.nio.channels.Channels#newOutputStream}, closing the stream leaves the
 * channel open: the channel's owner decides when the file goes away.
 */
public final class ChannelOutputView extends OutputStream {
  private final WritableByteChannel channel;
  private volatile boolean closed;

  /**
   * Creates a view of {@code channel}.
   *
   * @param channel the channel to write to; it must be blocking
   */
  public ChannelOutputView(WritableByteChannel channel) {
    this.channel = checkNotNull(channel, "channel");
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    ByteBuffer source = ByteBuffer.wrap(b, off, len);
    while (source.hasRemaining()) {
      channel.write(source);
    }
  }

  /** Detaches this stream from the channel, which stays open. */
  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
  }
}
