package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * An {@link InputStream} that reads from a channel at the channel's position and advances it. Unlike
 * {@link java.nio.channels.Channels#newInputStream}, closing the stream leaves the channel open: the
 * channel's owner decides when the file goes away.
 */
public final class ChannelInputView extends InputStream {
  private final ReadableByteChannel channel;
  private volatile boolean closed;

  /**
   * Creates a view of {@code channel}.
   *
   * @param channel the channel to read from; it must be blocking
   */
  public ChannelInputView(ReadableByteChannel channel) {
    this.channel = checkNotNull(channel, "channel");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n == 1 ? one[0] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    if (len == 0) {
      return 0;
    }
    return channel.read(ByteBuffer.wrap(b, off, len));
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
