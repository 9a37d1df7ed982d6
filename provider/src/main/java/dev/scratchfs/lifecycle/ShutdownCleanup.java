package dev.scratchfs.lifecycle;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deletes, when the JVM exits normally (end of {@code main}, {@code System.exit}, SIGTERM, SIGINT),
 * every scratch file system that was never closed.
 *
 * <p>One hook for the whole JVM, installed with the first file system, rather than one per file
 * system: hooks cannot be removed cheaply in bulk and each costs a thread. A file system created
 * once the hook has started is refused ({@link #register} throws, and its creator deletes it), so
 * the hook misses none.
 *
 * <p>The JVM halts as soon as the hook returns, while other threads may still be creating or
 * closing file systems; a JVM killed with {@code SIGKILL} or halted runs no hook at all. What those
 * leave is what {@code reap} removes (see {@link Container} for the order that makes that so).
 */
public final class ShutdownCleanup {
  private static final Set<Closeable> LIVE = ConcurrentHashMap.newKeySet();
  private static final Object REGISTRATION = new Object();
  private static volatile boolean installed;
  private static boolean running; // guarded by REGISTRATION

  private ShutdownCleanup() {}

  /**
   * Arranges for {@code cleanup} to run at JVM exit unless {@link #forget} is called first.
   *
   * @param cleanup closes and deletes one file system
   * @throws IllegalStateException if the JVM is already shutting down
   */
  public static void register(Closeable cleanup) {
    install();
    // Checked and added under the lock the hook takes its snapshot under: no file system can be
    // added after the snapshot and so never be cleaned up.
    synchronized (REGISTRATION) {
      if (running) {
        throw new IllegalStateException("the JVM is shutting down");
      }
      LIVE.add(cleanup);
    }
  }

  /**
   * Removes {@code cleanup}, after it ran some other way.
   *
   * @param cleanup what {@link #register} was given
   */
  public static void forget(Closeable cleanup) {
    LIVE.remove(cleanup);
  }

  private static void install() {
    if (installed) {
      return;
    }
    synchronized (ShutdownCleanup.class) {
      if (!installed) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(ShutdownCleanup::runAll, "scratchfs-shutdown-cleanup"));
        installed = true;
      }
    }
  }

  private static void runAll() {
    List<Closeable> all;
    synchronized (REGISTRATION) {
      running = true;
      all = new ArrayList<>(LIVE);
    }
    for (Closeable c : all) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        // Nobody is left to catch this: stderr is the only place the user can still see it.
        System.err.println("scratchfs: cleanup at exit failed: " + e);
      }
    }
  }
}
