package dev.scratchfs.accounting;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 6: a JVM that stops at any instant while threads create and close scratch file
 * systems leaves either nothing or containers that {@link TmpFileSystems#reap} removes. Each run is
 * a real child JVM ({@link ExitRaceChild}) in a fresh directory of its own, stopped by {@code
 * System.exit}, {@code Runtime.halt}, {@code SIGKILL} or {@code SIGTERM} at one of several moments;
 * afterwards {@code reap} must leave the directory empty but for a live file system of this JVM
 * made there beforehand, which it must not touch.
 *
 * <p>Bounded: 16 runs (four ways to stop, four moments), each a JVM start plus at most {@value
 * #STOP_SECONDS} s to stop; 10 to 15 s in all, measured on two heavily loaded cores.
 */
class ExitRaceTest {
  private static final String[] MODES = {"exit", "halt", "kill", "term"};

  private static final long[] DELAYS_MILLIS = {0, 20, 60, 150};

  private static final int RUNS = MODES.length * DELAYS_MILLIS.length;

  private static final int THREADS = 4;

  private static final int STOP_SECONDS = 20;

  @TempDir Path base;

  @Test
  void reapLeavesNothingBehindAJvmStoppedWhileFileSystemsComeAndGo() throws Exception {
    Path childTmp = Files.createDirectory(base.resolve("child-tmp"));
    List<String> problems = new ArrayList<>();
    int run = 0;
    for (long delay : DELAYS_MILLIS) {
      for (String mode : MODES) {
        problems.addAll(runOnce(run++, mode, delay, childTmp));
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " problem(s) in " + RUNS + " runs:\n  "
        + String.join("\n  ", problems));
  }

  private List<String> runOnce(int run, String mode, long delayMillis, Path childTmp)
      throws Exception {
    String name = "run " + run + " (" + mode + " after " + delayMillis + " ms)";
    List<String> problems = new ArrayList<>();
    Path runDir = Files.createDirectory(base.resolve("run" + run));
    FileSystem live = TmpFileSystems.builder().dir(runDir).build();
    Path liveContainer = TmpFileSystems.unwrap(live.getPath("/")).getParent();
    try {
      Files.writeString(live.getPath("/keep.txt"), "live");
      stopChild(name, runDir, mode, delayMillis, childTmp, base.resolve("stderr-" + run), problems);
      try {
        TmpFileSystems.reap(runDir);
      } catch (IOException e) {
        problems.add(name + ": reap failed: " + e);
      }
      try (Stream<Path> entries = Files.list(runDir)) {
        for (Path left : entries.filter(p -> !p.equals(liveContainer)).collect(Collectors.toList())) {
          problems.add(name + ": reap left " + left.getFileName() + " " + shape(left));
        }
      }
      if (!Files.isDirectory(liveContainer)
          || !"live".equals(Files.readString(live.getPath("/keep.txt")))) {
        problems.add(name + ": reap touched the live file system of this JVM");
      }
    } finally {
      live.close();
    }
    if (Files.exists(liveContainer, NOFOLLOW_LINKS)) {
      problems.add(name + ": the live file system's container outlived its close()");
    }
    return problems;
  }

  /** Runs one child in {@code runDir} and stops it as {@code mode} says; always leaves it dead. */
  private static void stopChild(String name, Path runDir, String mode, long delayMillis,
      Path childTmp, Path stderr, List<String> problems) throws Exception {
    Process child = start(runDir, mode.equals("exit") || mode.equals("halt") ? mode : "wait",
        delayMillis, childTmp, stderr);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
      CompletableFuture<String> churning = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return e.toString();
        }
      });
      String first;
      try {
        first = churning.get(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        first = "nothing within " + STOP_SECONDS + " s";
      }
      if (!"CHURNING".equals(first)) {
        problems.add(name + ": child said " + first + "; stderr " + Files.readString(stderr));
      }
      if (mode.equals("kill") || mode.equals("term")) {
        Thread.sleep(delayMillis);
        if (mode.equals("kill")) {
          child.destroyForcibly(); // SIGKILL
        } else {
          child.destroy(); // SIGTERM: the exit hook runs
        }
      }
      if (!child.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        problems.add(name + ": did not stop within " + STOP_SECONDS + " s");
      }
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  private static Process start(Path dir, String mode, long delayMillis, Path childTmp, Path stderr)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // No hsperfdata file: a child killed with SIGKILL would leave it in the real temp directory.
    command.add("-XX:-UsePerfData");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xmx64m");
    command.add("-Djava.io.tmpdir=" + childTmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ExitRaceChild.class.getName());
    command.add(dir.toString());
    command.add(mode);
    command.add(Long.toString(delayMillis));
    command.add(Integer.toString(THREADS));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().put("TMPDIR", childTmp.toString());
    return builder.start();
  }

  /** What a left-over entry holds, relative to it, links not followed. */
  private static String shape(Path entry) throws IOException {
    if (!Files.isDirectory(entry, NOFOLLOW_LINKS)) {
      return "(not a directory)";
    }
    try (Stream<Path> walk = Files.walk(entry)) {
      List<String> names = walk.filter(p -> !p.equals(entry))
          .map(p -> entry.relativize(p).toString()).sorted().collect(Collectors.toList());
      return names.toString();
    }
  }
}
