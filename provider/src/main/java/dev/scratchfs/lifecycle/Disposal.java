package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.Failures;
import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.ExclusiveCreator;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deletes a container whose lock this JVM holds (its own file system's, or an abandoned one a
 * reaper took), in an order that leaves, whenever the process stops, only shapes that {@link
 * Reaper} recognises as abandoned once the process is gone:
 *
 * <ol>
 *   <li>the container is renamed to a tombstone name ({@link ContainerName.Kind#TOMBSTONE}),
 *       which names this process: from here on it is known to be on its way out, and its final
 *       name is free;
 *   <li>{@code root/} and the file system's {@code staging/} are deleted (and anything else put
 *       beside them), the lock held: an interruption leaves the lock file and what is left of
 *       them, unlocked once the process is gone;
 *   <li>the lock file is deleted, the lock still held, and then released: an interruption leaves
 *       an empty tombstone, whose process is provably gone;
 *   <li>the empty tombstone is removed.
 * </ol>
 *
 * <p>If {@code root/} or {@code staging/} cannot be deleted entirely (an immutable file, a mount
 * point), the lock file stays beside what is left, unlocked, so that a later {@code reap} can
 * finish once the obstacle is gone. If the rename fails, the same steps run under the final name.
 */
final class Disposal {
  private final Path container;
  private final OwnerLock lock;
  private Path at;

  /**
   * Prepares the deletion of a container.
   *
   * @param container the container's path, absolute
   * @param lock its lock, held by this JVM; released by {@link #run}
   */
  Disposal(Path container, OwnerLock lock) {
    this.container = container;
    this.lock = lock;
    this.at = container;
  }

  /**
   * Returns where the container is now: its tombstone once {@link #run} renamed it.
   *
   * @return the current path of the container
   */
  Path location() {
    return at;
  }

  /**
   * Deletes the container, attempting every step, and releases the lock.
   *
   * @throws IOException the first failure, later ones suppressed
   */
  void run() throws IOException {
    Failures failures = new Failures();
    IOException notMoved = null;
    try {
      at = ExclusiveCreator.secure().create(
          container.getParent(), ContainerName.tombstonePrefix(ProcessIdentity.current()), "",
          p -> Files.move(container, p));
    } catch (IOException e) {
      notMoved = e; // deleted under its final name; the reason matters only if that fails too
    }
    boolean same = failures.attempt(this::checkSameContainer);
    boolean emptied = same && failures.attempt(this::deleteAllButTheLockFile);
    boolean lockFileGone = emptied && failures.attempt(() -> lock.deleteFile(at));
    failures.attempt(lock::release);
    if (lockFileGone) {
      failures.attempt(this::removeEmptied);
    }
    if (failures.first() != null && notMoved != null) {
      failures.first().addSuppressed(notMoved);
    }
    failures.throwIfAny();
  }

  /**
   * Deletes {@code root/} first, then {@code staging/} and anything else someone put beside them (a
   * process of the same user can), so that the lock file is the last entry.
   */
  private void deleteAllButTheLockFile() throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> listed = Files.newDirectoryStream(at)) {
      for (Path entry : listed) {
        String name = entry.getFileName().toString();
        if (name.equals(Container.ROOT_NAME)) {
          entries.add(0, entry);
        } else if (!name.equals(OwnerLock.FILE_NAME)) {
          entries.add(entry);
        }
      }
    } catch (NoSuchFileException gone) {
      return;
    }
    Failures failures = new Failures();
    for (Path entry : entries) {
      failures.attempt(() -> TreeDeleter.deleteTree(entry));
    }
    failures.throwIfAny();
  }

  /** Removes the emptied container; whatever appeared in it meanwhile goes with it. */
  private void removeEmptied() throws IOException {
    try {
      Files.deleteIfExists(at);
    } catch (DirectoryNotEmptyException refilled) {
      TreeDeleter.deleteTree(at);
    }
  }

  /**
   * Refuses to go on if the container's name now stands for another directory (a process of the
   * same user swapped it): nothing is deleted then.
   */
  private void checkSameContainer() throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(at, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      return; // already gone: nothing left to delete
    }
    if (!attrs.isDirectory() || !Objects.equals(attrs.fileKey(), lock.containerKey())) {
      throw new IOException("the container " + at + " was replaced while it was being deleted;"
          + " nothing was deleted");
    }
  }
}
