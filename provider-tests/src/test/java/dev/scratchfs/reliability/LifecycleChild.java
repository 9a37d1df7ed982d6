package dev.scratchfs.reliability;

import dev.scratchfs.TmpFileSystems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The program the lifecycle tests run in child JVMs (also as another user), through the public API.
 *
 * <ul>
 *   <li>{@code sleep}: prints {@code READY} and waits until its standard input ends.
 *   <li>{@code reap DIR}: calls {@code reap(DIR)} once; prints {@code REMOVED path} for each
 *       container removed, then {@code DONE}, or {@code FAILED} and the stack trace.
 *   <li>{@code reap-loop DIR MILLIS}: calls {@code reap(DIR)} again and again for MILLIS ms,
 *       printing {@code REMOVED path} lines, then {@code DONE calls}.
 *   <li>{@code churn DIR MILLIS THREADS}: THREADS threads create a file system in DIR, write a
 *       file, read it back and close it, again and again for MILLIS ms; every failure is printed
 *       as {@code FAIL trace}; then {@code DONE rounds}.
 *   <li>{@code close-later DIR}: creates a file system in DIR holding {@code /a/b/c.txt}, prints
 *       {@code CONTAINER path} and {@code SHOWN uri}, waits for a line on standard input, closes
 *       the file system and prints {@code CLOSED} or the stack trace as {@code TRACE line}s, then
 *       {@code END}.
 * </ul>
 */
public final class LifecycleChild {
  private LifecycleChild() {}

  /**
   * Runs one command.
   *
   * @param args the command and its arguments
   * @throws Exception if the command's arguments are wrong or it fails unexpectedly
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sleep":
        System.out.println("READY");
        System.out.flush();
        System.in.readAllBytes();
        break;
      case "reap":
        reap(Path.of(args[1]));
        break;
      case "reap-loop":
        reapLoop(Path.of(args[1]), Long.parseLong(args[2]));
        break;
      case "churn":
        churn(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
        break;
      case "close-later":
        closeLater(Path.of(args[1]));
        break;
      default:
        throw new IllegalArgumentException(Arrays.toString(args));
    }
    System.out.flush();
  }

  private static void reap(Path dir) {
    try {
      for (Path removed : TmpFileSystems.reap(dir)) {
        System.out.println("REMOVED " + removed);
      }
      System.out.println("DONE");
    } catch (Exception e) {
      System.out.println("FAILED");
      printTrace(e);
    }
  }

  private static void reapLoop(Path dir, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    int calls = 0;
    while (System.nanoTime() < end) {
      for (Path removed : TmpFileSystems.reap(dir)) {
        System.out.println("REMOVED " + removed);
      }
      calls++;
    }
    System.out.println("DONE " + calls);
  }

  private static void churn(Path dir, long millis, int threads) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    AtomicInteger rounds = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            Churn.round(dir);
            rounds.incrementAndGet();
          } catch (Exception e) {
            System.out.println("FAIL " + e);
          }
        }
      }, "churn-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.println("DONE " + rounds.get());
  }

  private static void closeLater(Path dir) throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).build();
    Files.createDirectories(fs.getPath("/a/b"));
    Files.writeString(fs.getPath("/a/b/c.txt"), "data");
    System.out.println("CONTAINER " + TmpFileSystems.unwrap(fs.getPath("/")).getParent());
    System.out.println("SHOWN " + fs.getPath("/").toUri());
    System.out.flush();
    new String(System.in.readNBytes(1), StandardCharsets.UTF_8);
    try {
      fs.close();
      System.out.println("CLOSED");
    } catch (Exception e) {
      printTrace(e);
    }
    System.out.println("END");
  }

  private static void printTrace(Exception e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    for (String line : trace.toString().split("\n")) {
      System.out.println("TRACE " + line);
    }
  }
}
