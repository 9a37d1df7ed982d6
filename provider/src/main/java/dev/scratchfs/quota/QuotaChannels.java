package dev.scratchfs.quota;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.io.IoCall;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * Opens channels of a file system with a quota: {@code TRUNCATE_EXISTING} gives the file's bytes
 * back, and a channel that can change the file's size is wrapped so that every later change is
 * charged. Read-only channels are returned as the delegate made them.
 */
public final class QuotaChannels {
  private QuotaChannels() {}

  /**
   * Opens a byte channel under {@code quota}.
   *
   * @param quota the file system's quota
   * @param file the delegate path
   * @param path the caller's path, for messages
   * @param options the options the channel is opened with
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it can change the file's size
   * @throws IOException as the opener throws
   */
  public static SeekableByteChannel open(
      Quota quota, Path file, String path, Set<? extends OpenOption> options,
      IoCall<? extends SeekableByteChannel> opener) throws IOException {
    SeekableByteChannel channel = opening(quota, file, options, opener);
    if (!changesSize(options)) {
      return channel;
    }
    SizeAccount account = account(quota, file, path, options);
    return channel instanceof FileChannel
        ? new QuotaFileChannel((FileChannel) channel, account)
        : new QuotaByteChannel(channel, account);
  }

  /**
   * Opens a file channel under {@code quota}.
   *
   * @param quota the file system's quota
   * @param file the delegate path
   * @param path the caller's path, for messages
   * @param options the options the channel is opened with
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it can change the file's size
   * @throws IOException as the opener throws
   */
  public static FileChannel openFile(
      Quota quota, Path file, String path, Set<? extends OpenOption> options,
      IoCall<FileChannel> opener) throws IOException {
    FileChannel channel = opening(quota, file, options, opener);
    return changesSize(options)
        ? new QuotaFileChannel(channel, account(quota, file, path, options))
        : channel;
  }

  /**
   * Opens an asynchronous file channel under {@code quota}.
   *
   * @param quota the file system's quota
   * @param file the delegate path
   * @param path the caller's path, for messages
   * @param options the options the channel is opened with
   * @param opener opens the delegate's channel
   * @return the channel, wrapped if it can change the file's size
   * @throws IOException as the opener throws
   */
  public static AsynchronousFileChannel openAsynchronous(
      Quota quota, Path file, String path, Set<? extends OpenOption> options,
      IoCall<AsynchronousFileChannel> opener) throws IOException {
    Lock lock = quota.lockFor(file);
    lock.lock();
    try {
      long before = options.contains(TRUNCATE_EXISTING) ? sizeOrZero(file) : -1;
      AsynchronousFileChannel channel = opener.call();
      if (before >= 0) {
        quota.settle(0, channel.size() - before);
      }
      return changesSize(options)
          ? new QuotaAsynchronousFileChannel(channel, account(quota, file, path, options))
          : channel;
    } finally {
      lock.unlock();
    }
  }

  private static <C extends SeekableByteChannel> C opening(
      Quota quota, Path file, Set<? extends OpenOption> options, IoCall<C> opener)
      throws IOException {
    if (!options.contains(TRUNCATE_EXISTING)) {
      return opener.call();
    }
    Lock lock = quota.lockFor(file);
    lock.lock();
    try {
      long before = sizeOrZero(file);
      C channel = opener.call();
      quota.settle(0, channel.size() - before);
      return channel;
    } finally {
      lock.unlock();
    }
  }

  private static boolean changesSize(Set<? extends OpenOption> options) {
    return options.contains(WRITE) || options.contains(APPEND) || options.contains(DELETE_ON_CLOSE);
  }

  private static SizeAccount account(
      Quota quota, Path file, String path, Set<? extends OpenOption> options) {
    return new SizeAccount(
        quota, quota.lockFor(file), path, options.contains(APPEND), options.contains(DELETE_ON_CLOSE));
  }

  private static long sizeOrZero(Path file) throws IOException {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return attrs.isRegularFile() ? attrs.size() : 0;
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
