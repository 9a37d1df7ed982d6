package dev.scratchfs.confinement;

import dev.scratchfs.TmpFileSystems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The program the confinement tests run in child JVMs (also as another user), through the public
 * API only.
 *
 * <ul>
 *   <li>{@code reap DIR}: calls {@code TmpFileSystems.reap(DIR)} once, prints {@code REMOVED path}
 *       for each root removed, then {@code DONE}.
 *   <li>{@code reap-loop DIR MILLIS}: calls {@code reap(DIR)} again and again for MILLIS
 *       milliseconds, then prints {@code DONE n} with the number of calls.
 *   <li>{@code close-unreadable DIR WHAT}: makes a scratch file system in DIR, makes {@code /d}
 *       (WHAT = {@code subdir}: a non-empty directory) or {@code /} itself (WHAT = {@code root})
 *       mode {@code 000}, prints {@code CONTAINER path}, closes the file system, prints {@code
 *       CLOSED} or every line of the exception's stack trace as {@code TRACE line}, then {@code
 *       END}.
 * </ul>
 */
public final class ConfinementChild {
  private ConfinementChild() {}

  /**
   * Runs one command.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "reap":
        for (Path removed : TmpFileSystems.reap(Path.of(args[1]))) {
          System.out.println("REMOVED " + removed);
        }
        System.out.println("DONE");
        break;
      case "reap-loop":
        reapLoop(Path.of(args[1]), Long.parseLong(args[2]));
        break;
      case "close-unreadable":
        closeUnreadable(Path.of(args[1]), args[2]);
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
  }

  private static void reapLoop(Path dir, long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    int calls = 0;
    while (System.nanoTime() < end) {
      List<Path> removed = TmpFileSystems.reap(dir);
      for (Path p : removed) {
        System.out.println("REMOVED " + p);
      }
      calls++;
    }
    System.out.println("DONE " + calls);
  }

  private static void closeUnreadable(Path dir, String what) throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).build();
    Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    Files.createDirectories(fs.getPath("/d/e"));
    Files.writeString(fs.getPath("/d/f.txt"), "data");
    Files.writeString(fs.getPath("/d/e/g.txt"), "data");
    Path locked = what.equals("root") ? fs.getPath("/") : fs.getPath("/d");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    System.out.println("CONTAINER " + container);
    try {
      fs.close();
      System.out.println("CLOSED");
    } catch (Exception e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      for (String line : trace.toString().split("\n")) {
        System.out.println("TRACE " + line);
      }
    }
    System.out.println("END");
  }
}
