package dev.scratchfs.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handles (channels, streams, directory streams, watch services) opened through one scratch file
 * system, so that closing the file system closes them before its tree is deleted.
 *
 * <p>Handles are held weakly: a handle its owner dropped is closed by the JDK's own cleaner and must
 * not be kept alive here. Tracking costs one small object and one concurrent-set insertion per open,
 * which keeps the wrapper cheap on the open/close path.
 *
 * <p>Races with {@link #closeAll()} are resolved without a lock: {@link #track} inserts, then the
 * caller checks whether the file system closed meanwhile (see {@code TmpFileSystem#adopt}). Either
 * the insertion happened before the closing sweep started, and the sweep closes the handle, or the
 * check sees the file system closed and the caller closes it.
 */
public final class HandleTracker {
  /** A tracked handle: what it is, where it points. */
  public static final class Tracked extends WeakReference<Closeable> {
    private final String kind;
    private final String path;

    Tracked(Closeable handle, String kind, String path, ReferenceQueue<Closeable> queue) {
      super(handle, queue);
      this.kind = kind;
      this.path = path;
    }

    /**
     * Returns what kind of handle this is, e.g. "byte channel".
     *
     * @return the kind
     */
    public String kind() {
      return kind;
    }

    /**
     * Returns the scratch path the handle was opened on.
     *
     * @return the path string
     */
    public String path() {
      return path;
    }

    @Override
    public String toString() {
      return kind + " " + path;
    }
  }

  private static final int MIN_SWEEP_INTERVAL = 32;

  private final ReferenceQueue<Closeable> queue = new ReferenceQueue<>();
  private final Set<Tracked> handles = ConcurrentHashMap.newKeySet();
  private final AtomicInteger untilSweep = new AtomicInteger(MIN_SWEEP_INTERVAL);

  /**
   * Starts tracking a handle.
   *
   * @param handle the open handle
   * @param kind what it is, for reports
   * @param path the scratch path it was opened on, for reports
   * @return the tracking record, to pass to {@link #untrack} when the handle closes
   */
  public Tracked track(Closeable handle, String kind, String path) {
    expunge();
    Tracked t = new Tracked(handle, kind, path, queue);
    handles.add(t);
    if (untilSweep.decrementAndGet() <= 0) {
      sweepClosed();
    }
    return t;
  }

  /**
   * Drops the records of handles that were closed by their owners but are still reachable. Channels
   * are handed out unwrapped, so their close cannot untrack them; without this sweep the set would
   * grow by one record per open until the next GC, and each open would pay for that growth (hash
   * table resizing, a longer {@link #closeAll()}). Sweeping again only after as many opens as
   * handles stayed open keeps the cost per open constant.
   */
  private void sweepClosed() {
    int open = 0;
    for (Tracked t : handles) {
      Closeable handle = t.get();
      if (handle == null || !isOpen(handle)) {
        handles.remove(t);
      } else {
        open++;
      }
    }
    untilSweep.set(Math.max(MIN_SWEEP_INTERVAL, open));
  }

  /**
   * Stops tracking a handle that was closed by its owner.
   *
   * @param tracked the record from {@link #track}
   */
  public void untrack(Tracked tracked) {
    handles.remove(tracked);
  }

  private void expunge() {
    for (Reference<? extends Closeable> r; (r = queue.poll()) != null; ) {
      handles.remove(r);
    }
  }

  /**
   * Returns how many handles are tracked and not yet known to be closed or collected.
   *
   * @return a count that may include handles closed but not yet collected
   */
  public int size() {
    expunge();
    return handles.size();
  }

  /**
   * Closes every tracked handle that is still open and stops tracking all of them.
   *
   * @return the handles that were still open, in no particular order
   * @throws IOException if any close failed; the others are still closed, failures are suppressed
   */
  public List<Tracked> closeAll() throws IOException {
    List<Tracked> open = new ArrayList<>();
    IOException failure = null;
    for (Tracked t : handles) {
      handles.remove(t);
      Closeable handle = t.get();
      if (handle == null || !isOpen(handle)) {
        continue;
      }
      open.add(t);
      try {
        handle.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = new IOException("could not close every handle of the scratch file system");
        }
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return open;
  }

  private static boolean isOpen(Closeable handle) {
    if (handle instanceof Channel) {
      return ((Channel) handle).isOpen();
    }
    if (handle instanceof OpenState) {
      return ((OpenState) handle).isOpen();
    }
    return true;
  }

  /** Implemented by the wrappers whose JDK type cannot tell whether it is open. */
  public interface OpenState {
    /**
     * Tells whether the handle is still open.
     *
     * @return true until closed
     */
    boolean isOpen();
  }
}
