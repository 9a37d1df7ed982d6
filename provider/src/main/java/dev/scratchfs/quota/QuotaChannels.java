package dev.scratchfs.quota;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoFunction;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Opens channels of a file system with a quota. Every channel on a regular file is wrapped, the
 * read-only ones included: a file deleted while a channel holds it keeps its bytes on disk, so the
 * {@link InodeLedger} must hear when its last channel closes. The file is read before and after the
 * open (through the caller's own access to it, which for a secure directory stream is relative to
 * its open directory), to know which inode the channel holds and whether the open made or removed
 * a name; {@code TRUNCATE_EXISTING} gives the file's bytes back as the count is settled to the
 * size the new channel reports. Channels on anything but a regular file are returned as they are.
 *
 * <p>Each method takes the caller's options ({@code requested}) and those passed to the delegate
 * ({@code passed}): where the delegate ignores {@code DELETE_ON_CLOSE} an outer layer takes it out
 * and deletes the name itself once the channel closed, and that removal is counted at close.
 */
public final class QuotaChannels {
  private QuotaChannels() {}

  /** What the caller asked of a channel, and how to reach its file. */
  private record Opening(
      InodeLedger ledger, IoCall<Inode> probe, String path, Set<? extends OpenOption> requested,
      Set<? extends OpenOption> passed) {}

  /**
   * Opens a byte channel under a quota.
   *
   * @param ledger the file system's ledger
   * @param probe reads the file the channel is opened on; null if there is none
   * @param path the caller's path, for messages
   * @param requested the caller's options
   * @param passed the options the delegate sees
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it is on a regular file
   * @throws IOException as the opener or the probe throws; the channel is closed then
   */
  public static SeekableByteChannel open(
      InodeLedger ledger, IoCall<Inode> probe, String path, Set<? extends OpenOption> requested,
      Set<? extends OpenOption> passed, IoCall<? extends SeekableByteChannel> opener)
      throws IOException {
    IoCall<SeekableByteChannel> typed = opener::call;
    return open(new Opening(ledger, probe, path, requested, passed), typed,
        SeekableByteChannel::size,
        (channel, account) -> channel instanceof FileChannel
            ? (SeekableByteChannel) new QuotaFileChannel((FileChannel) channel, account)
            : new QuotaByteChannel(channel, account));
  }

  /**
   * Opens a file channel under a quota.
   *
   * @param ledger the file system's ledger
   * @param probe reads the file the channel is opened on; null if there is none
   * @param path the caller's path, for messages
   * @param requested the caller's options
   * @param passed the options the delegate sees
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it is on a regular file
   * @throws IOException as the opener or the probe throws; the channel is closed then
   */
  public static FileChannel openFile(
      InodeLedger ledger, IoCall<Inode> probe, String path, Set<? extends OpenOption> requested,
      Set<? extends OpenOption> passed, IoCall<FileChannel> opener) throws IOException {
    return open(new Opening(ledger, probe, path, requested, passed), opener,
        FileChannel::size, QuotaFileChannel::new);
  }

  /**
   * Opens an asynchronous file channel under a quota.
   *
   * @param ledger the file system's ledger
   * @param probe reads the file the channel is opened on; null if there is none
   * @param path the caller's path, for messages
   * @param requested the caller's options
   * @param passed the options the delegate sees
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it is on a regular file
   * @throws IOException as the opener or the probe throws; the channel is closed then
   */
  public static AsynchronousFileChannel openAsynchronous(
      InodeLedger ledger, IoCall<Inode> probe, String path, Set<? extends OpenOption> requested,
      Set<? extends OpenOption> passed, IoCall<AsynchronousFileChannel> opener)
      throws IOException {
    return open(new Opening(ledger, probe, path, requested, passed), opener,
        AsynchronousFileChannel::size, QuotaAsynchronousFileChannel::new);
  }

  private static <C extends Closeable> C open(
      Opening o, IoCall<C> opener, IoFunction<C, Long> size, BiFunction<C, OpenFile, C> wrap)
      throws IOException {
    Inode before = o.probe().call();
    C channel = opener.call();
    try {
      Inode after = o.probe().call();
      if (after != null ? !after.regularFile() : before != null && !before.regularFile()) {
        return channel; // a directory, a device, a pipe: no bytes of the file system's own
      }
      boolean existed = before != null;
      Object key;
      int nameChange = 0;
      if (after != null) {
        key = after.key();
        nameChange = existed ? 0 : 1;
      } else if (existed) {
        key = before.key();
        // The delegate removed the name right after opening (Unix DELETE_ON_CLOSE).
        nameChange = o.passed().contains(DELETE_ON_CLOSE) ? -1 : 0;
      } else {
        key = new Object(); // made and unnamed at once: nothing but this channel will ever hold it
      }
      FileAccount file =
          o.ledger().opened(key, existed, nameChange, () -> size.apply(channel));
      boolean writable = o.requested().contains(WRITE) || o.requested().contains(APPEND);
      boolean removesName = o.requested().contains(DELETE_ON_CLOSE) && after != null;
      return wrap.apply(channel, new OpenFile(
          o.ledger(), key, file, o.path(), o.requested().contains(APPEND), writable, removesName));
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
