package dev.scratchfs.provider;

import dev.scratchfs.io.ForwardingAsynchronousFileChannel;
import dev.scratchfs.io.ForwardingByteChannel;
import dev.scratchfs.io.ForwardingFileChannel;
import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import dev.scratchfs.quota.Inode;
import dev.scratchfs.quota.InodeLedger;
import dev.scratchfs.quota.QuotaChannels;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
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
   * @param ledger the file system's ledger
   * @param probe reads the file the channel is opened on, through the gate's own access
   * @param path the caller's path, for messages
   * @param requested the caller's options
   * @param passed the options the delegate sees
   * @param opener opens the delegate's channel
   * @return the channel
   * @throws IOException as the opener throws
   */
  C underQuota(InodeLedger ledger, IoCall<Inode> probe, String path,
      Set<? extends OpenOption> requested, Set<? extends OpenOption> passed, IoCall<C> opener)
      throws IOException;

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
        public SeekableByteChannel underQuota(InodeLedger ledger, IoCall<Inode> probe,
            String path, Set<? extends OpenOption> requested, Set<? extends OpenOption> passed,
            IoCall<SeekableByteChannel> opener) throws IOException {
          return QuotaChannels.open(ledger, probe, path, requested, passed, opener);
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
        public FileChannel underQuota(InodeLedger ledger, IoCall<Inode> probe, String path,
            Set<? extends OpenOption> requested, Set<? extends OpenOption> passed,
            IoCall<FileChannel> opener) throws IOException {
          return QuotaChannels.openFile(ledger, probe, path, requested, passed, opener);
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
        public AsynchronousFileChannel underQuota(InodeLedger ledger, IoCall<Inode> probe,
            String path, Set<? extends OpenOption> requested, Set<? extends OpenOption> passed,
            IoCall<AsynchronousFileChannel> opener) throws IOException {
          return QuotaChannels.openAsynchronous(ledger, probe, path, requested, passed, opener);
        }

        @Override
        public AsynchronousFileChannel closingWith(
            AsynchronousFileChannel channel, IoRun action) {
          return new ForwardingAsynchronousFileChannel(channel, action);
        }
      };
}
