package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.ChildJvmProcess;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reap} racing file systems that are being created, used and closed: it never takes a live
 * or half-built container for abandoned, whether it runs in another process or in the JVM that owns
 * the containers (where opening and closing a lock file would drop the owner's lock: POSIX record
 * locks belong to the process). Bounded: a few seconds of churn each.
 */
class ReapRaceTest {
  private static final int THREADS = 3;
  private static final Duration CHILD = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** Runs {@link Churn#round} in {@link #THREADS} threads until {@code stop} is set. */
  private static List<Thread> churn(Path dir, AtomicBoolean stop, AtomicInteger rounds,
      List<String> failures) {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread worker = new Thread(() -> {
        while (!stop.get()) {
          try {
            Churn.round(dir);
            rounds.incrementAndGet();
          } catch (Exception e) {
            failures.add(e.toString());
          }
        }
      }, "churn-" + t);
      worker.start();
      threads.add(worker);
    }
    return threads;
  }

  private static void assertEmpty(Path dir) throws Exception {
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "everything was closed, so nothing is left");
    }
  }

  @Test
  void reapInAnotherProcessNeverTakesALiveOrHalfBuiltContainer() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger rounds = new AtomicInteger();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    String calls;
    List<String> removed;
    try (ChildJvmProcess reaper = ChildJvmProcess.start(LifecycleChild.class,
        "reap-loop", dir.toString(), "3000")) {
      List<Thread> threads = churn(dir, stop, rounds, failures);
      try {
        calls = reaper.await("DONE ", CHILD);
      } finally {
        stop.set(true);
        for (Thread t : threads) {
          t.join();
        }
      }
      removed = reaper.seen("REMOVED ");
    }
    assertEquals(List.of(), failures, "every file system worked from creation to close");
    assertEquals(List.of(), removed, "the reaper removed containers of a live JVM");
    assertTrue(Integer.parseInt(calls.trim()) > 10, "the reaper ran: " + calls + " calls");
    assertTrue(rounds.get() > 20, "file systems came and went: " + rounds.get());
    assertEmpty(dir);
  }

  @Test
  void reapInTheOwningJvmKeepsTheLocksOfItsLiveFileSystems() throws Exception {
    try (FileSystem longLived = TmpFileSystems.builder().dir(dir).build()) {
      Files.writeString(longLived.getPath("/keep.txt"), "live");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger reaps = new AtomicInteger();
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      List<Path> removed = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = churn(dir, stop, rounds, failures);
      Thread reaper = new Thread(() -> {
        while (!stop.get()) {
          try {
            removed.addAll(TmpFileSystems.reap(dir));
            reaps.incrementAndGet();
          } catch (Exception e) {
            failures.add("reap: " + e);
          }
        }
      }, "reaper");
      reaper.start();
      Thread.sleep(2000);
      stop.set(true);
      reaper.join();
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), failures, "every file system worked, every reap succeeded");
      assertEquals(List.of(), removed, "reap removed a live container of its own JVM");
      assertTrue(reaps.get() > 10 && rounds.get() > 20, reaps + " reaps, " + rounds + " rounds");

      // Had any of those reaps opened and closed the long-lived file system's lock file, this JVM
      // would no longer hold the lock, and a reaper in another process would take the container.
      try (ChildJvmProcess other = ChildJvmProcess.start(LifecycleChild.class,
          "reap", dir.toString())) {
        other.await("DONE", CHILD);
        assertEquals(List.of(), other.seen("REMOVED "), "the live file system's lock was dropped");
      }
      assertEquals("live", Files.readString(longLived.getPath("/keep.txt")));
    }
    assertEmpty(dir);
  }
}
