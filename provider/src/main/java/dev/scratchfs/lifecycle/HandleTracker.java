package dev.scratchfs.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The handles (channels, streams, directory streams, watch services) opened through one scratch file
 * system, so that closing the file system closes them before its tree is deleted.
 *
 * <p>Handles are held weakly: a handle its owner dropped is closed by the JDK's own cleaner and must
 * not be kept alive here. Channels are handed out unwrapped, so their owners' {@code close()} cannot
 * report back; instead the records of closed or collected handles are swept out of a plain array
 * once as many handles were tracked as stayed open at the last sweep (at least 32). Tracking thus
 * costs one small object, an uncontended lock and an array store per open, and the array stays
 * near the number of handles actually open (a concurrent hash set cost several times as much per
 * open, in the open/close benchmark of BENCHMARKS.md).
 *
 * <p>Races with {@link #closeAll()}: {@link #track} inserts under the lock, then the caller checks
 * whether the file system closed meanwhile (see {@link FileSystemState#register}). Either the insertion
 * happened before {@code closeAll} took the records, and it closes the handle, or the check sees
 * the file system closed and the caller closes it.
 */
public final class HandleTracker {
  /** A tracked handle: what it is, where it points, and where it was opened if that is recorded. */
  public static final class Tracked extends WeakReference<Closeable> {
    private final String kind;
    private final Object path;
    private final OpeningSite site;

    Tracked(Closeable handle, String kind, Object path, OpeningSite site) {
      super(handle);
      this.kind = kind;
      this.path = path;
      this.site = site;
    }

    /**
     * Returns the stack of the thread that opened the handle, or null where sites are not
     * recorded.
     *
     * @return the opening site
     */
    public OpeningSite site() {
      return site;
    }

    /**
     * Describes the handle for a leak report: kind, path and the caller's frame that opened it.
     *
     * @return e.g. {@code "file channel /a.txt, opened at com.example.Job.run(Job.java:42)"}
     */
    public String describe() {
      return site == null ? toString() : this + ", opened at " + site.caller();
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
     * Returns the scratch path the handle was opened on, as a string: made only here, for reports,
     * so that opening a handle never has to spell out its path.
     *
     * @return the path string
     */
    public String path() {
      return String.valueOf(path);
    }

    @Override
    public String toString() {
      return kind + " " + path;
    }
  }

  private static final int MIN_SWEEP_INTERVAL = 32;
  private static final Tracked[] NONE = new Tracked[0];

  private final Object lock = new Object();
  private Tracked[] handles = NONE; // made on the first track: many file systems open nothing
  private int count;
  private int untilSweep = MIN_SWEEP_INTERVAL;
  private final boolean recordSites;

  /** Creates a tracker that does not record where handles are opened. */
  public HandleTracker() {
    this(false);
  }

  /**
   * Creates a tracker.
   *
   * @param recordSites whether to record the opening thread's stack with each handle (one {@code
   *     Throwable} per open, so only when leaks are reported)
   */
  public HandleTracker(boolean recordSites) {
    this.recordSites = recordSites;
  }

  /**
   * Starts tracking a handle.
   *
   * @param handle the open handle
   * @param kind what it is, for reports
   * @param path the scratch path it was opened on, for reports: kept as it is and turned into a
   *     string ({@link Object#toString()}) only when a report names it
   */
  public void track(Closeable handle, String kind, Object path) {
    OpeningSite site = recordSites ? new OpeningSite(kind + " " + path + " opened here") : null;
    Tracked t = new Tracked(handle, kind, path, site);
    synchronized (lock) {
      if (--untilSweep <= 0) {
        sweepClosed();
      }
      if (count == handles.length) {
        handles = Arrays.copyOf(handles, Math.max(MIN_SWEEP_INTERVAL, 2 * count));
      }
      handles[count++] = t;
    }
  }

  /**
   * Drops the records of handles that were closed or collected, and schedules the next sweep after
   * as many new handles as are still open, so that the cost per open stays constant. Called with
   * the lock held.
   */
  private void sweepClosed() {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      Tracked t = handles[i];
      Closeable handle = t.get();
      if (handle != null && isOpen(handle)) {
        handles[kept++] = t;
      }
    }
    if (handles.length > 4 * Math.max(kept, MIN_SWEEP_INTERVAL)) {
      handles = Arrays.copyOf(handles, 2 * Math.max(kept, MIN_SWEEP_INTERVAL));
    } else {
      Arrays.fill(handles, kept, count, null);
    }
    count = kept;
    untilSweep = Math.max(MIN_SWEEP_INTERVAL, kept);
  }

  /**
   * Returns how many handles are tracked and not yet known to be closed or collected.
   *
   * @return a count that may include handles closed but not yet swept
   */
  public int size() {
    synchronized (lock) {
      int n = 0;
      for (int i = 0; i < count; i++) {
        if (handles[i].get() != null) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * Closes every tracked handle that is still open and stops tracking all of them.
   *
   * @return the handles that were still open, in no particular order
   * @throws IOException if any close failed; the others are still closed, failures are suppressed
   */
  public List<Tracked> closeAll() throws IOException {
    Tracked[] taken;
    int n;
    synchronized (lock) {
      taken = handles;
      n = count;
      handles = NONE;
      count = 0;
      untilSweep = MIN_SWEEP_INTERVAL;
    }
    if (n == 0) {
      return List.of();
    }
    List<Tracked> open = new ArrayList<>();
    IOException failure = null;
    for (int i = 0; i < n; i++) {
      Tracked t = taken[i];
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
