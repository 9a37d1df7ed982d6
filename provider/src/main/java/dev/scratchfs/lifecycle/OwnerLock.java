package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.policy.OwnerOnlyPermissions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * Marks a scratch file system's container as owned by a live JVM: the file {@value #FILE_NAME}
 * beside {@code root/}, locked with an OS file lock for the file system's lifetime. The lock
 * survives nothing but the process: when the JVM dies, however it dies ({@code kill -9}
 * included), the kernel releases it, which is how {@link Reaper} tells abandoned containers from
 * live ones.
 *
 * <p>Only locks of the default file system are seen by other processes, so over any other delegate
 * (jimfs, which dies with its JVM anyway) no lock file is made.
 */
public final class OwnerLock {
  /** The name of the lock file in a container. */
  public static final String FILE_NAME = "owner.lock";

  private final Path file;
  private final FileChannel channel;

  private OwnerLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * Creates and locks the lock file of a new, empty container.
   *
   * @param container the container just created
   * @return the held lock, or null where the container is not on the default file system
   * @throws IOException if the file cannot be created or locked
   */
  public static OwnerLock acquire(Path container) throws IOException {
    if (container.getFileSystem() != FileSystems.getDefault()) {
      return null;
    }
    Path file = container.resolve(FILE_NAME);
    FileAttribute<?>[] attrs =
        OwnerOnlyPermissions.appliesTo(container.getFileSystem())
            ? OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], false)
            : new FileAttribute<?>[0];
    FileChannel channel = FileChannel.open(file, Set.of(CREATE_NEW, WRITE, NOFOLLOW_LINKS), attrs);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new FileSystemException(file.toString(), null, "locked by another process");
    }
    return new OwnerLock(file, channel);
  }

  /**
   * Releases the lock (closing its file); the lock file stays. Idempotent.
   *
   * @throws IOException if the channel could not be closed
   */
  public void release() throws IOException {
    channel.close();
  }

  /**
   * Deletes the lock file while the lock is still held, so that no reaper can take the container
   * for abandoned in between: used when the tree is kept on purpose ({@code cleanup=false}).
   *
   * @throws IOException if the file could not be deleted
   */
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }
}
