package dev.scratchfs.accounting;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The program {@link ExitRaceTest} runs in child JVMs: threads that create, fill and close scratch
 * file systems in one directory without pause (leaving every fourth one open, for the exit hook),
 * while the JVM is stopped under them.
 *
 * <p>Arguments: {@code DIR MODE DELAY_MS THREADS}. Once every thread has gone round a few times it
 * prints {@code CHURNING}, waits {@code DELAY_MS}, and then, by {@code MODE}: {@code exit} calls
 * {@code System.exit(0)} (the exit hook runs while the threads go on), {@code halt} calls {@code
 * Runtime.halt(0)} (no hook runs); {@code wait} sleeps until the parent kills it ({@code SIGKILL} or
 * {@code SIGTERM}).
 */
public final class ExitRaceChild {
  private static final int LEFT_OPEN_PER_THREAD = 16;

  private ExitRaceChild() {}

  /**
   * Runs the child.
   *
   * @param args see the class comment
   * @throws Exception if the arguments are wrong or the wait is interrupted
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String mode = args[1];
    long delayMillis = Long.parseLong(args[2]);
    int threads = Integer.parseInt(args[3]);
    CountDownLatch warm = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> churn(dir, warm), "churn-" + t);
      worker.setDaemon(true);
      worker.start();
    }
    warm.await();
    System.out.println("CHURNING");
    System.out.flush();
    Thread.sleep(delayMillis);
    switch (mode) {
      case "exit":
        System.exit(0);
        break;
      case "halt":
        Runtime.getRuntime().halt(0);
        break;
      case "wait":
        Thread.sleep(60_000);
        System.out.println("NOT KILLED");
        break;
      default:
        throw new IllegalArgumentException(mode);
    }
  }

  private static void churn(Path dir, CountDownLatch warm) {
    List<FileSystem> leftOpen = new ArrayList<>();
    boolean reported = false;
    for (int i = 0; ; i++) {
      try {
        FileSystem fs = TmpFileSystems.builder().dir(dir).build();
        Files.createDirectories(fs.getPath("/a/b"));
        Files.write(fs.getPath("/a/b/f"), new byte[100]);
        if (i % 4 == 3 && leftOpen.size() < LEFT_OPEN_PER_THREAD) {
          leftOpen.add(fs); // never closed: the exit hook's job
        } else {
          fs.close();
        }
      } catch (IOException | RuntimeException e) {
        // Expected once the JVM is shutting down; anything earlier is worth seeing in the report.
        if (!reported) {
          System.err.println("churn: " + e);
          reported = true;
        }
      }
      if (i == 3) {
        warm.countDown();
      }
    }
  }
}
