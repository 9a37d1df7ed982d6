package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar scratchfs-provider.jar reap DIR} after a real {@code kill -9}: the dead JVM's
 * root is removed and reported, a live JVM's root in the same directory is left alone.
 */
class DoctorReapTest {
  @TempDir Path dir;

  private record Result(int exit, String out) {}

  private static Result doctor(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData", "-jar", System.getProperty("scratchfs.test.jar")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the doctor finished");
    return new Result(p.exitValue(), out);
  }

  @Test
  void reapRemovesTheKilledJvmsRootAndKeepsTheLiveOne() throws Exception {
    Process dead = ChildJvm.start("hold", dir.toString());
    Process alive = ChildJvm.start("hold", dir.toString());
    try {
      BufferedReader deadOut = ChildJvm.stdout(dead);
      BufferedReader aliveOut = ChildJvm.stdout(alive);
      Path deadRoot = Path.of(ChildJvm.await(deadOut, "CONTAINER "));
      Path liveRoot = Path.of(ChildJvm.await(aliveOut, "CONTAINER "));
      dead.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(dead.waitFor(60, TimeUnit.SECONDS));
      assertTrue(Files.isDirectory(deadRoot), "kill -9 leaves the root behind");

      Result r = doctor("reap", dir.toString());
      assertEquals(0, r.exit(), r.out());
      assertTrue(r.out().contains("removed " + deadRoot), r.out());
      assertTrue(r.out().contains("reaped 1 abandoned root in " + dir), r.out());
      assertFalse(Files.exists(deadRoot, LinkOption.NOFOLLOW_LINKS), "the dead JVM's root is gone");
      assertTrue(Files.isRegularFile(liveRoot.resolve("root/work/stream.txt")),
          "the live JVM's root and files are untouched");

      Result again = doctor("reap", dir.toString());
      assertEquals(0, again.exit(), again.out());
      assertTrue(again.out().contains("reaped 0 abandoned roots"), again.out());
    } finally {
      for (Process p : List.of(dead, alive)) {
        p.destroy();
        p.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void reapOfAMissingDirectoryFailsAndSaysWhy() throws Exception {
    Result r = doctor("reap", dir.resolve("missing").toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("missing"), r.out());
  }
}
