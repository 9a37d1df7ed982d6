package dev.scratchfs.provider;

import dev.scratchfs.io.ForwardingAsynchronousFileChannel;
import dev.scratchfs.io.ForwardingByteChannel;
import dev.scratchfs.io.ForwardingFileChannel;
import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import dev.scratchfs.quota.Quota;
import dev.scratchfs.quota.QuotaChannels;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * What differs between the three kinds of channel a scratch file system opens: how one is put
 * under a quota, and how one is made to delete its file on close where the delegate would not.
 * Everything else about opening them is {@link ChannelOpening}'s.
 *
 * @param <C> the channel type
 */
interface ChannelKind<C extends Closeable> {
  /**
   * Opens a channel under a quota.
   *
   * @param quota the file system's quota
   * @param file the delegate path
   * @param path the caller's path, for messages
   * @param options the caller's options
   * @param opener opens the delegate's channel
   * @return the channel
   * @throws IOException as the opener throws
   */
  C underQuota(Quota quota, Path file, String path, Set<? extends OpenOption> options,
      IoCall<C> opener) throws IOException;

  /**
   * Wraps a channel so that closing it runs {@code action}.
   *
   * @param channel the open channel
   * @param action what to do once it closed
   * @return the wrapped channel
   */
  C closingWith(C channel, IoRun action);

  /** Byte channels: a delegate's may or may not be a {@code FileChannel}. */
  ChannelKind<SeekableByteChannel> BYTE =
      new ChannelKind<>() {
        @Override
        public SeekableByteChannel underQuota(Quota quota, Path file, String path,
            Set<? extends OpenOption> options, IoCall<SeekableByteChannel> opener)
            throws IOException {
          return QuotaChannels.open(quota, file, path, options, opener);
        }

        @Override
        public SeekableByteChannel closingWith(SeekableByteChannel channel, IoRun action) {
          return channel instanceof FileChannel
              ? new ForwardingFileChannel((FileChannel) channel, action)
              : new ForwardingByteChannel(channel, action);
        }
      };

  /** File channels. */
  ChannelKind<FileChannel> FILE =
      new ChannelKind<>() {
        @Override
        public FileChannel underQuota(Quota quota, Path file, String path,
            Set<? extends OpenOption> options, IoCall<FileChannel> opener) throws IOException {
          return QuotaChannels.openFile(quota, file, path, options, opener);
        }

        @Override
        public FileChannel closingWith(FileChannel channel, IoRun action) {
          return new ForwardingFileChannel(channel, action);
        }
      };

  /** Asynchronous file channels. */
  ChannelKind<AsynchronousFileChannel> ASYNCHRONOUS =
      new ChannelKind<>() {
        @Override
        public AsynchronousFileChannel underQuota(Quota quota, Path file, String path,
            Set<? extends OpenOption> options, IoCall<AsynchronousFileChannel> opener)
            throws IOException {
          return QuotaChannels.openAsynchronous(quota, file, path, options, opener);
        }

        @Override
        public AsynchronousFileChannel closingWith(
            AsynchronousFileChannel channel, IoRun action) {
          return new ForwardingAsynchronousFileChannel(channel, action);
        }
      };
}
