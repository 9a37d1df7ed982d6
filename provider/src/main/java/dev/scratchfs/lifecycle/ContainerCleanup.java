package dev.scratchfs.lifecycle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The last step of closing a scratch file system: deleting its container, in an order that never
 * lets a reaper in another process see a half-deleted container as abandoned, and reporting every
 * failure.
 *
 * <p>With an {@link OwnerLock}: {@code root/} is deleted while the lock is still held, then the lock
 * is released, then the container (by then only the lock file) is deleted. A reaper that takes the
 * lock in between finds no {@code root/}, so the layout does not match and it leaves the container
 * alone. When the tree is kept ({@code cleanup=false}), the lock file is deleted while still held,
 * so that the kept tree is never reaped. When {@code root/} cannot be deleted entirely, the lock file
 * is kept (unlocked) beside it, so that {@code reap} can finish once the obstacle is gone.
 */
public final class ContainerCleanup {
  private ContainerCleanup() {}

  /**
   * Deletes (or keeps) the container and releases the lock.
   *
   * @param container the container
   * @param rootName the name of the directory shown as {@code /}
   * @param delete whether to delete the tree
   * @param lock the owner lock, or null
   * @param failure an earlier failure of the close, or null
   * @return {@code failure}, or the first failure of this step, with any later one suppressed; null
   *     if there was none
   */
  public static IOException run(
      Path container, String rootName, boolean delete, OwnerLock lock, IOException failure) {
    Failures failures = new Failures(failure);
    if (lock == null) {
      if (delete) {
        failures.attempt(() -> TreeDeleter.deleteTree(container));
      }
      return failures.first;
    }
    boolean rootDeleted = false;
    if (delete) {
      rootDeleted = failures.attempt(() -> TreeDeleter.deleteTree(container.resolve(rootName)));
    } else {
      failures.attempt(lock::deleteFile);
    }
    failures.attempt(lock::release);
    if (rootDeleted) {
      failures.attempt(() -> TreeDeleter.deleteTree(container));
    }
    // Else the lock file stays beside what is left of root/: a later reap, once whatever blocked
    // the deletion is gone, finds the layout it expects and an unlocked lock, and finishes the job.
    return failures.first;
  }

  /** Collects failures: the first one is thrown, the later ones suppressed in it. */
  private static final class Failures {
    IOException first;

    Failures(IOException first) {
      this.first = first;
    }

    interface Step {
      void run() throws IOException;
    }

    boolean attempt(Step step) {
      try {
        step.run();
        return true;
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
        return false;
      }
    }
  }
}
