package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.policy.OwnerOnlyPermissions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Objects;
import java.util.Set;

/**
 * Marks a container as owned by a live process: the file {@value #FILE_NAME} beside {@code root/},
 * locked with an OS file lock ({@link FileChannel#tryLock()}) for as long as its file system lives
 * (or, for a reaper, while it deletes an abandoned container). The kernel releases the lock when
 * the process dies, however it dies ({@code kill -9} included), which is how {@link Reaper} tells
 * abandoned containers from live ones.
 *
 * <p>While held, the container and the lock file are registered in {@link OwnContainers}, so that
 * a reaper of this JVM never opens the file: closing any descriptor of it would drop the lock.
 *
 * <p>Only locks of the default file system are seen by other processes, so over any other delegate
 * (jimfs, which dies with its JVM anyway) no lock file is made.
 */
public final class OwnerLock {
  /** The name of the lock file in a container. */
  public static final String FILE_NAME = "owner.lock";

  private static final Set<OpenOption> CREATE = Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS);
  private static final Set<OpenOption> OPEN = Set.of(READ, WRITE, NOFOLLOW_LINKS);

  /**
   * The lock file's creation attributes on the default file system, the only one with locks: one
   * array for every lock, since it only ever goes to the default provider, which does not change
   * it.
   */
  private static final FileAttribute<?>[] CREATION_ATTRIBUTES =
      OwnerOnlyPermissions.appliesTo(FileSystems.getDefault())
          ? OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], false)
          : new FileAttribute<?>[0];

  /** The lock file's name, relative, on the default file system. */
  private static final Path LOCK_FILE_NAME = FileSystems.getDefault().getPath(FILE_NAME);

  private final FileChannel channel;
  private final Object containerKey;
  private final Object fileKey;

  private OwnerLock(FileChannel channel, Object containerKey, Object fileKey) {
    this.channel = channel;
    this.containerKey = containerKey;
    this.fileKey = fileKey;
  }

  /**
   * Creates and locks the lock file of a new, empty container of this JVM, registering the
   * container before the file exists.
   *
   * @param container the container just created, on the default file system (the only one whose
   *     locks other processes see)
   * @return the held lock
   * @throws IOException if the file cannot be created or locked
   */
  static OwnerLock create(Path container) throws IOException {
    Object containerKey =
        Files.readAttributes(container, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey();
    OwnContainers.add(containerKey);
    Path file = container.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, CREATE, CREATION_ATTRIBUTES);
    } catch (IOException | RuntimeException e) {
      OwnContainers.remove(containerKey);
      throw e;
    }
    Object fileKey = null;
    try {
      fileKey = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey();
      OwnContainers.add(fileKey);
      if (channel.tryLock() == null) {
        throw new FileSystemException(file.toString(), null, "locked by another process");
      }
      return new OwnerLock(channel, containerKey, fileKey);
    } catch (IOException | RuntimeException e) {
      channel.close();
      OwnContainers.remove(containerKey);
      OwnContainers.remove(fileKey);
      throw e;
    }
  }

  /**
   * Takes the lock of a container found in a directory if no process holds it: the reaper's way
   * in. Never blocks: the file is checked through the container's handle to be a regular file,
   * opened read-write with {@code O_NOFOLLOW} (which on Linux returns at once even for a FIFO
   * swapped in meanwhile), checked to be seekable (a FIFO is not), locked with {@code tryLock},
   * and checked again through the handle to be the same file.
   *
   * @param container the container, opened through its directory's handle
   * @param containerKey the file key of the container directory
   * @param name the lock file's name, a relative path of the container's file system
   * @param seen the lock file's attributes, read through {@code container}
   * @return the lock, now held by this JVM, or null if the container is this JVM's, its lock is
   *     held, or the file changed
   * @throws IOException never for what another process did; only if closing a channel failed
   */
  static OwnerLock takeIfFree(
      SecureDirectoryStream<Path> container, Object containerKey, Path name,
      BasicFileAttributes seen) throws IOException {
    if (!seen.isRegularFile()) {
      return null;
    }
    return OwnContainers.probe(() -> {
      SeekableByteChannel opened;
      try {
        opened = container.newByteChannel(name, OPEN);
      } catch (IOException | RuntimeException notOpenable) {
        return null;
      }
      if (!(opened instanceof FileChannel) || !isFreeAndSame(
          (FileChannel) opened, container, name, seen)) {
        opened.close();
        return null;
      }
      OwnContainers.add(containerKey);
      OwnContainers.add(seen.fileKey());
      return new OwnerLock((FileChannel) opened, containerKey, seen.fileKey());
    }, containerKey, seen.fileKey());
  }

  /** Locks the opened file and checks that it is the regular file that was seen. */
  private static boolean isFreeAndSame(
      FileChannel channel, SecureDirectoryStream<Path> container, Path name,
      BasicFileAttributes seen) {
    try {
      channel.position(); // a FIFO or socket swapped in cannot seek: refused here
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false; // held by another process: alive
      }
      BasicFileAttributes now =
          container.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
              .readAttributes();
      return now.isRegularFile() && Objects.equals(now.fileKey(), seen.fileKey());
    } catch (OverlappingFileLockException heldByThisJvm) {
      return false;
    } catch (IOException | RuntimeException changed) {
      return false;
    }
  }

  /**
   * Returns the file key of the container the lock belongs to.
   *
   * @return the container directory's file key, as it was when the lock was taken
   */
  Object containerKey() {
    return containerKey;
  }

  /**
   * Deletes the lock file while the lock is still held, so that no reaper can take the container
   * for abandoned in between: the last step before the container is kept ({@code cleanup=false})
   * or emptied.
   *
   * @param container the container's current path (it moves when its deletion starts)
   * @throws IOException if the file could not be deleted
   */
  void deleteFile(Path container) throws IOException {
    Files.deleteIfExists(container.resolve(FILE_NAME));
  }

  /**
   * Deletes the lock file, as {@link #deleteFile(Path)} does, through the container's open handle.
   *
   * @param container the container, open, on the default file system
   * @throws IOException if the file could not be deleted
   */
  void deleteFile(SecureDirectoryStream<Path> container) throws IOException {
    try {
      container.deleteFile(LOCK_FILE_NAME);
    } catch (NoSuchFileException gone) {
      // deleted already: what matters is that it is gone before the lock is released
    }
  }

  /**
   * Releases the lock (closing its file) and forgets the container. Idempotent.
   *
   * @throws IOException if the channel could not be closed
   */
  void release() throws IOException {
    try {
      channel.close();
    } finally {
      OwnContainers.remove(containerKey);
      OwnContainers.remove(fileKey);
    }
  }
}
