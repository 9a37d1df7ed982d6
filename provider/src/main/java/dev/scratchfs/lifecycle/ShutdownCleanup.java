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
 * system: hooks cannot be removed cheaply in bulk and each costs a thread. A JVM killed with {@code
 * SIGKILL} runs no hook at all; its roots are what {@code reap} is for.
 */
public final class ShutdownCleanup {
  private static final Set<Closeable> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean installed;
  private static volatile boolean running;

  private ShutdownCleanup() {}

  /**
   * Arranges for {@code cleanup} to run at JVM exit unless {@link #forget} is called first.
   *
   * @param cleanup closes and deletes one file system
   * @throws IllegalStateException if the JVM is already shutting down
   */
  public static void register(Closeable cleanup) {
    install();
    if (running) {
      throw new IllegalStateException("the JVM is shutting down");
    }
    LIVE.add(cleanup);
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
    running = true;
    List<Closeable> all = new ArrayList<>(LIVE);
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
