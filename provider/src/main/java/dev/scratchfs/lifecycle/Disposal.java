package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.Failures;
import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.ExclusiveCreator;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
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
   * <p>The tombstone is opened once and checked through that handle to be the container whose
   * lock is held; where the file system offers handles ({@link SecureDirectoryStream}), its
   * entries and then the lock file are deleted relative to that handle, so nothing outside the
   * directory that was checked is deleted, whatever happens to its name meanwhile. Only the
   * removal of the emptied container, after the lock is released, goes by its name (with what
   * appeared in it since, if anything did).
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
    DirectoryStream<Path> opened = null;
    boolean same;
    try {
      opened = openIfSameContainer();
      same = true;
    } catch (IOException e) {
      failures.add(e);
      same = false;
    }
    boolean lockFileGone = false;
    try {
      DirectoryStream<Path> listed = opened;
      // Gone already (opened is null): nothing to delete, and nothing is looked up by name again.
      boolean emptied =
          same && listed != null && failures.attempt(() -> deleteAllButTheLockFile(listed));
      lockFileGone = emptied && failures.attempt(() -> deleteLockFile(listed));
    } finally {
      if (opened != null) {
        failures.attempt(opened::close);
      }
      failures.attempt(lock::release);
    }
    if (lockFileGone) {
      failures.attempt(this::removeEmptied);
    }
    if (failures.first() != null && notMoved != null) {
      failures.first().addSuppressed(notMoved);
    }
    failures.throwIfAny();
  }

  /**
   * Opens the container where it is now, refusing to go on if its name now stands for another
   * directory (a process of the same user swapped it): nothing is deleted then. It is looked at
   * without following a link before it is opened, so that nothing else (a FIFO) is ever opened,
   * and the open handle is checked again, since the name could change in between.
   *
   * @return the open container, or null if it is gone already (nothing left to delete)
   */
  private DirectoryStream<Path> openIfSameContainer() throws IOException {
    try {
      checkSame(Files.readAttributes(at, BasicFileAttributes.class, NOFOLLOW_LINKS));
    } catch (NoSuchFileException gone) {
      return null;
    }
    DirectoryStream<Path> opened;
    try {
      opened = Files.newDirectoryStream(at);
    } catch (NoSuchFileException gone) {
      return null;
    }
    if (opened instanceof SecureDirectoryStream) {
      try {
        checkSame(((SecureDirectoryStream<Path>) opened)
            .getFileAttributeView(BasicFileAttributeView.class).readAttributes());
      } catch (IOException | RuntimeException e) {
        try {
          opened.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    return opened;
  }

  private void checkSame(BasicFileAttributes attrs) throws IOException {
    if (!attrs.isDirectory() || !Objects.equals(attrs.fileKey(), lock.containerKey())) {
      throw new IOException("the container " + at + " was replaced while it was being deleted;"
          + " nothing was deleted");
    }
  }

  /**
   * Deletes {@code root/} first, then {@code staging/} and anything else someone put beside them (a
   * process of the same user can), so that the lock file is the last entry: through the open
   * container where it is a handle, else by path.
   */
  private void deleteAllButTheLockFile(DirectoryStream<Path> opened) throws IOException {
    List<Path> entries = new ArrayList<>(2);
    try {
      for (Path entry : opened) {
        String name = entry.getFileName().toString();
        if (name.equals(Container.ROOT_NAME)) {
          entries.add(0, entry);
        } else if (!name.equals(OwnerLock.FILE_NAME)) {
          entries.add(entry);
        }
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    Failures failures = new Failures();
    for (Path entry : entries) {
      if (opened instanceof SecureDirectoryStream) {
        failures.attempt(
            () -> TreeDeleter.deleteTree((SecureDirectoryStream<Path>) opened, entry));
      } else {
        failures.attempt(() -> TreeDeleter.deleteTree(entry));
      }
    }
    failures.throwIfAny();
  }

  private void deleteLockFile(DirectoryStream<Path> opened) throws IOException {
    if (opened instanceof SecureDirectoryStream) {
      lock.deleteFile((SecureDirectoryStream<Path>) opened);
    } else {
      lock.deleteFile(at);
    }
  }

  /** Removes the emptied container; whatever appeared in it meanwhile goes with it. */
  private void removeEmptied() throws IOException {
    try {
      Files.deleteIfExists(at);
    } catch (DirectoryNotEmptyException refilled) {
      TreeDeleter.deleteTree(at);
    }
  }
}
