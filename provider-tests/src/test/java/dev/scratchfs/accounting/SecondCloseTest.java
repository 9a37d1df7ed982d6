package dev.scratchfs.accounting;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 5: {@code close()} is idempotent in effect. Whoever calls it while a first call
 * is still closing handles and deleting the tree returns only after that first call finished, and
 * sees its outcome: here the {@link LeakedHandlesException} of {@code leaks=fail}.
 */
class SecondCloseTest {
  /**
   * Enough empty directories that deleting them (several system calls each, through secure
   * directory streams) takes far longer than a later caller needs to arrive.
   */
  private static final int DIRECTORIES = 10;

  private static final int SUBDIRECTORIES = 40;

  private static final int LATE_CALLERS = 2;

  @TempDir Path dir;

  /** What one call of {@code close()} saw when it returned. */
  private record Outcome(
      long started, long returned, Throwable thrown, boolean containerStillThere) {}

  @Test
  void laterCallersWaitForTheFirstCloseAndShareItsOutcome() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
    Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    // Made on disk directly, which is quicker than through the file system with leaks=fail.
    Path onDisk = TmpFileSystems.unwrap(fs.getPath("/"));
    for (int d = 0; d < DIRECTORIES; d++) {
      Path sub = Files.createDirectory(onDisk.resolve("d" + d));
      for (int f = 0; f < SUBDIRECTORIES; f++) {
        Files.createDirectory(sub.resolve("e" + f));
      }
    }
    FileChannel leaked = FileChannel.open(fs.getPath("/leaked"), CREATE, WRITE);

    List<CompletableFuture<Outcome>> late = new ArrayList<>();
    CountDownLatch spinning = new CountDownLatch(LATE_CALLERS);
    for (int i = 0; i < LATE_CALLERS; i++) {
      late.add(CompletableFuture.supplyAsync(() -> {
        spinning.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Start the moment the first close has visibly begun: it says it is closed, or it has
        // closed the leaked handle (which comes before deleting the tree).
        while (fs.isOpen() && leaked.isOpen() && System.nanoTime() < deadline) {
          LockSupport.parkNanos(50_000); // not a busy spin: the first close needs the CPU
        }
        return closeOnce(fs, container);
      }, runnable -> new Thread(runnable, "late-close").start()));
    }
    assertTrue(spinning.await(10, TimeUnit.SECONDS));
    Outcome first = closeOnce(fs, container);

    LeakedHandlesException report = assertInstanceOf(LeakedHandlesException.class, first.thrown());
    assertFalse(first.containerStillThere());
    assertEquals(1, report.handles().size(), report.getMessage());
    int overlapping = 0;
    for (CompletableFuture<Outcome> f : late) {
      Outcome outcome = f.get(30, TimeUnit.SECONDS);
      if (outcome.started() > first.returned()) {
        continue; // not scheduled until the first call was over: not a concurrent close
      }
      overlapping++;
      assertFalse(outcome.containerStillThere(),
          "a later close() returned while the first was still deleting the tree");
      assertNotNull(outcome.thrown(), "a later close() returned normally; the first threw " + report);
      LeakedHandlesException seen =
          assertInstanceOf(LeakedHandlesException.class, outcome.thrown());
      assertEquals(report.handles(), seen.handles());
    }
    assertTrue(overlapping > 0, "no later call overlapped the first one; the test tested nothing");
    assertFalse(leaked.isOpen());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count());
    }
  }

  private static Outcome closeOnce(FileSystem fs, Path container) {
    long started = System.nanoTime();
    Throwable thrown = null;
    try {
      fs.close();
    } catch (IOException | RuntimeException e) {
      thrown = e;
    }
    boolean stillThere = Files.exists(container, NOFOLLOW_LINKS);
    return new Outcome(started, System.nanoTime(), thrown, stillThere);
  }
}
