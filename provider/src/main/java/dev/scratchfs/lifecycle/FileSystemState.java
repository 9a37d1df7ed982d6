package dev.scratchfs.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Whether a scratch file system is open, the handles opened through it, and its close.
 *
 * <p>Every handle (channel, stream, directory stream, watch service) is registered with {@link
 * #register} the moment it is opened, so that closing the file system closes it before the tree
 * is deleted. A registration that races {@link #close} never escapes: either the close sees it and
 * closes the handle, or the registration sees the file system closed, closes the handle itself
 * and throws {@link ClosedFileSystemException}.
 *
 * <p>{@link #close} runs its steps exactly once. Every caller, the first and any concurrent or
 * later one, returns only after those steps finished, and all of them get the same outcome: the
 * same exception, or none.
 */
public final class FileSystemState {
  /** The steps of a close that come after every handle was closed. */
  @FunctionalInterface
  public interface Closing {
    /**
     * Finishes the close: deletes the tree, reports leaks.
     *
     * @param stillOpen the handles that were open when the close began (now closed)
     * @param handleFailure why some handle could not be closed, or null
     * @return the exception every caller of {@code close} gets, or null
     */
    IOException finish(List<HandleTracker.Tracked> stillOpen, IOException handleFailure);
  }

  private final HandleTracker tracker;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean open = true;
  private boolean closeStarted; // guarded by this
  private volatile IOException outcome;

  /**
   * Creates the state of an open file system.
   *
   * @param recordSites whether to record where each handle is opened (for leak reports)
   */
  public FileSystemState(boolean recordSites) {
    this.tracker = new HandleTracker(recordSites);
  }

  /**
   * Tells whether the file system is open: false from the moment a close begins.
   *
   * @return true until closed
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * Throws if the file system is closed or closing.
   *
   * @throws ClosedFileSystemException if it is
   */
  public void checkOpen() {
    if (!open) {
      throw new ClosedFileSystemException();
    }
  }

  /**
   * Registers a handle just opened, so that the close closes it.
   *
   * @param handle the open handle; a {@link java.nio.channels.Channel} or a {@link
   *     HandleTracker.OpenState}, so that a handle its owner closed is dropped
   * @param kind what it is, for leak reports
   * @param path the path it was opened on, for leak reports: kept as it is, and turned into a
   *     string only when a report names it
   * @param <T> the handle type
   * @return {@code handle}
   * @throws ClosedFileSystemException if the file system closed meanwhile; the handle is closed
   */
  public <T extends Closeable> T register(T handle, String kind, Object path) {
    tracker.track(handle, kind, path);
    if (!open) {
      try {
        handle.close();
      } catch (IOException e) {
        // Never handed out: the close deletes what it pointed at and reports what it cannot.
      }
      throw new ClosedFileSystemException();
    }
    return handle;
  }

  /**
   * Closes the file system: closes every registered handle, then runs {@code closing}, once.
   *
   * @param closing the rest of the close (only the first caller's runs)
   * @throws IOException what {@code closing} returned, for every caller
   */
  public void close(Closing closing) throws IOException {
    boolean first;
    synchronized (this) {
      first = !closeStarted;
      closeStarted = true;
      open = false;
    }
    if (first) {
      try {
        List<HandleTracker.Tracked> stillOpen = List.of();
        IOException handleFailure = null;
        try {
          stillOpen = tracker.closeAll();
        } catch (IOException e) {
          handleFailure = e;
        }
        outcome = closing.finish(stillOpen, handleFailure);
      } finally {
        closed.countDown();
      }
    } else {
      awaitFirstClose();
    }
    if (outcome != null) {
      throw outcome;
    }
  }

  private void awaitFirstClose() {
    boolean interrupted = false;
    while (true) {
      try {
        closed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the tree must be gone before close returns; keep the interrupt
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns what an operation reports that failed because a handle of the file system was closed
   * under it ({@code ClosedDirectoryStreamException}, a closed stream's {@code
   * IllegalStateException}, a directory iteration's failure): {@link ClosedFileSystemException} if
   * the file system closed meanwhile, since its close closed the handle and the operation lost the
   * race; else the exception itself (the caller closed its own handle).
   *
   * @param e what the handle threw
   * @return the exception to throw
   */
  public RuntimeException lostToClose(RuntimeException e) {
    if (open || e instanceof ClosedFileSystemException) {
      return e;
    }
    ClosedFileSystemException closed = new ClosedFileSystemException();
    closed.initCause(e);
    return closed;
  }
}
