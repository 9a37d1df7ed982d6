package dev.scratchfs.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 7: an operation that is already running when {@code close()} starts, and loses
 * the race, ends with {@link ClosedFileSystemException} — not with a {@code NoSuchFileException}
 * because the tree vanished under it, nor an {@code IllegalStateException} from a handle closed
 * under it. Operations that move bytes through a channel they opened may instead end as channels
 * do when closed under them ({@link ClosedChannelException}).
 *
 * <p>Real threads, bounded: {@value #ROUNDS} rounds of {@value #WORKERS} workers, each round closed
 * after the workers have done a few operations.
 */
class CloseRaceTest {
  private static final int ROUNDS = 40;

  private static final int WORKERS = 4;

  @TempDir Path dir;

  /** One operation of a worker, named for the report. */
  private interface Operation {
    void run(Path base, int i) throws Exception;
  }

  private static final Map<String, Operation> OPERATIONS = new TreeMap<>();

  static {
    OPERATIONS.put("write", (base, i) -> Files.write(base.resolve("f" + i), new byte[256]));
    OPERATIONS.put("readAllBytes", (base, i) -> Files.readAllBytes(base.resolve("f" + i)));
    OPERATIONS.put("createDirectories",
        (base, i) -> Files.createDirectories(base.resolve("d" + i + "/x/y")));
    OPERATIONS.put("copy",
        (base, i) -> Files.copy(base.resolve("f" + i), base.resolve("d" + i + "/x/c")));
    OPERATIONS.put("move",
        (base, i) -> Files.move(base.resolve("d" + i + "/x/c"), base.resolve("d" + i + "/m")));
    OPERATIONS.put("readAttributes",
        (base, i) -> Files.readAttributes(base.resolve("d" + i + "/m"), BasicFileAttributes.class));
    OPERATIONS.put("list", (base, i) -> {
      try (Stream<Path> s = Files.list(base)) {
        s.forEach(p -> {});
      }
    });
    OPERATIONS.put("walk", (base, i) -> {
      try (Stream<Path> s = Files.walk(base.resolve("d" + i))) {
        s.forEach(p -> {});
      }
    });
    OPERATIONS.put("deleteRecursively", (base, i) -> MoreFiles.deleteRecursively(
        base.resolve("d" + i), RecursiveDeleteOption.ALLOW_INSECURE));
    OPERATIONS.put("delete", (base, i) -> Files.delete(base.resolve("f" + i)));
  }

  /** The order the operations run in: each one needs what the ones before it made. */
  private static final List<String> ORDER = List.of("write", "readAllBytes", "createDirectories",
      "copy", "move", "readAttributes", "list", "walk", "deleteRecursively", "delete");

  private static boolean movesBytes(String operation) {
    return operation.equals("write") || operation.equals("readAllBytes");
  }

  @Test
  void operationsRunningWhenCloseStartsEndWithClosedFileSystemException() throws Exception {
    List<String> wrong = new ArrayList<>();
    int raced = 0;
    for (int round = 0; round < ROUNDS; round++) {
      FileSystem fs = TmpFileSystems.builder().dir(dir).build();
      AtomicBoolean closing = new AtomicBoolean();
      AtomicInteger operationsDone = new AtomicInteger();
      CountDownLatch ended = new CountDownLatch(WORKERS);
      List<String> endings = Collections.synchronizedList(new ArrayList<>());
      for (int w = 0; w < WORKERS; w++) {
        Path base = Files.createDirectory(fs.getPath("/w" + w));
        int thisRound = round;
        Thread worker = new Thread(() -> {
          try {
            for (int i = 0; ; i++) {
              for (String name : ORDER) {
                try {
                  OPERATIONS.get(name).run(base, i);
                } catch (Throwable t) {
                  endings.add(judge(thisRound, name, t, closing.get()));
                  return;
                }
                operationsDone.incrementAndGet();
              }
            }
          } finally {
            ended.countDown();
          }
        }, "close-race-" + w);
        worker.start();
      }
      // Close while every worker is in the middle of its loop: after some operations, at a point
      // that moves from round to round.
      int threshold = WORKERS * (5 + (7 * round) % 40);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (operationsDone.get() < threshold && System.nanoTime() < deadline) {
        LockSupport.parkNanos(20_000);
      }
      closing.set(true);
      try {
        fs.close();
      } catch (IOException e) {
        wrong.add("round " + round + ": close() itself failed: " + e);
      }
      if (!ended.await(10, TimeUnit.SECONDS)) {
        fail("round " + round + ": a worker did not end within 10 s of close()");
      }
      for (String ending : endings) {
        if (ending != null) {
          wrong.add(ending);
        }
      }
      raced += endings.size();
      try (Stream<Path> left = Files.list(dir)) {
        long count = left.count();
        if (count > 0) {
          wrong.add("round " + round + ": " + count + " entries left on disk after close()");
        }
      }
    }
    assertEquals(ROUNDS * WORKERS, raced, "every worker ended by losing the race");
    assertTrue(wrong.isEmpty(),
        wrong.size() + " operations ended wrongly:\n  " + String.join("\n  ", wrong));
  }

  /** Returns null for a right ending, or a line saying what was wrong. */
  private static String judge(int round, String operation, Throwable t, boolean closing) {
    String what = "round " + round + ": " + operation + " ended with " + t;
    if (!closing) {
      return what + " before close() started";
    }
    if (t instanceof ClosedFileSystemException) {
      return null;
    }
    if (movesBytes(operation) && t instanceof ClosedChannelException) {
      return null;
    }
    return what;
  }
}
