package dev.scratchfs.lifecycle;

import dev.scratchfs.io.Failures;
import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.ExclusiveCreator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;

/**
 * The one entry a scratch file system adds to its directory: a container named {@code prefix +
 * six random characters + suffix}, created exclusively, holding {@value #ROOT_NAME}/ (the tree
 * shown as {@code /}) and, over the default file system, the {@link OwnerLock} that tells a
 * reaper in another process that the owner is alive.
 *
 * <p>Creation and deletion are ordered so that a reaper never mistakes a container for abandoned
 * while its owner lives: the lock is taken before {@code root/} exists, and on deletion {@code
 * root/} goes while the lock is still held, then the lock is released, then the rest. When the
 * tree is kept ({@code cleanup=false}), the lock file is deleted while still held, so the kept
 * tree is never reaped. When {@code root/} cannot be deleted entirely, the lock file stays
 * (unlocked) beside it, so that {@code reap} can finish once the obstacle is gone.
 */
public final class Container {
  /** Name of the directory inside the container that is shown as {@code /}. */
  public static final String ROOT_NAME = "root";

  private final Path path;
  private final Path root;
  private final Path realRoot;
  private final OwnerLock lock;

  private Container(Path path, Path root, Path realRoot, OwnerLock lock) {
    this.path = path;
    this.root = root;
    this.realRoot = realRoot;
    this.lock = lock;
  }

  /**
   * Creates a container in {@code dir}; on failure, removes whatever was made.
   *
   * @param dir an existing directory
   * @param prefix the start of the container's name
   * @param suffix the end of the container's name
   * @param directoryAttributes the attributes to create the container and its root with
   * @return the container, its lock held
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws NotDirectoryException if {@code dir} is not a directory
   * @throws IOException if the container cannot be created
   */
  public static Container create(
      Path dir, String prefix, String suffix, FileAttribute<?>[] directoryAttributes)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      if (Files.exists(dir)) {
        throw new NotDirectoryException(dir.toString());
      }
      throw new NoSuchFileException(dir.toString(), null, "tmp: option 'dir' does not exist");
    }
    Path container =
        ExclusiveCreator.secure()
            .create(dir, prefix, suffix, p -> Files.createDirectory(p, directoryAttributes));
    OwnerLock lock = null;
    try {
      // Locked before root/ exists: a reaper only takes a container with both for abandoned.
      lock = OwnerLock.acquire(container);
      Path root = Files.createDirectory(container.resolve(ROOT_NAME), directoryAttributes);
      return new Container(
          container.toAbsolutePath(), root.toAbsolutePath(), root.toRealPath(), lock);
    } catch (IOException | RuntimeException e) {
      Failures failures = new Failures();
      if (lock != null) {
        failures.attempt(lock::release);
      }
      failures.attempt(() -> TreeDeleter.deleteTree(container));
      if (failures.first() != null) {
        e.addSuppressed(failures.first());
      }
      throw e;
    }
  }

  /**
   * Returns the container directory: the one entry added to its directory.
   *
   * @return the absolute container path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the directory shown as {@code /}.
   *
   * @return the absolute root path
   */
  public Path root() {
    return root;
  }

  /**
   * Returns the directory shown as {@code /} with links resolved (where {@code dir} is reached
   * through a link, as {@code /tmp} is on some systems).
   *
   * @return the real root path
   */
  public Path realRoot() {
    return realRoot;
  }

  /**
   * Deletes the container (or keeps the tree) and releases the lock, attempting every step.
   *
   * @param deleteTree whether to delete the tree; false keeps it on disk for debugging
   * @throws IOException the first failure, later ones suppressed; the message of a failed
   *     deletion names what was left
   */
  public void delete(boolean deleteTree) throws IOException {
    Failures failures = new Failures();
    if (lock == null) {
      if (deleteTree) {
        failures.attempt(() -> TreeDeleter.deleteTree(path));
      }
      failures.throwIfAny();
      return;
    }
    boolean rootDeleted = false;
    if (deleteTree) {
      rootDeleted = failures.attempt(() -> TreeDeleter.deleteTree(root));
    } else {
      failures.attempt(lock::deleteFile);
    }
    failures.attempt(lock::release);
    if (rootDeleted) {
      failures.attempt(() -> TreeDeleter.deleteTree(path));
    }
    // Else the lock file stays beside what is left of root/: a later reap, once whatever blocked
    // the deletion is gone, finds the layout it expects and an unlocked lock, and finishes the job.
    failures.throwIfAny();
  }
}
