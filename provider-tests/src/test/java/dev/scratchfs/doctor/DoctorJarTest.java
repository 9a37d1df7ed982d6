package dev.scratchfs.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's main-job command, {@code java -jar provider/target/scratchfs-provider-VERSION.jar},
 * as a real child process: the packaged jar, its manifest class path and the ServiceLoader
 * registration are what is tested, not the classes on this test's class path.
 */
class DoctorJarTest {
  @TempDir Path tmp;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("scratchfs.test.jar"));
    assertTrue(Files.isRegularFile(jar), "the provider jar is built before these tests: " + jar);
    return jar;
  }

  private record Result(int exit, String out) {}

  private Result runJar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", tmp.toString());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the doctor did not finish");
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void selfCheckPassesAndLeavesNothingBehind() throws Exception {
    Result r = runJar();
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("tmp: installed"), r.out());
    assertTrue(r.out().contains("temp dir   " + tmp), "the doctor honours TMPDIR:\n" + r.out());
    assertTrue(r.out().contains("11 passed, 0 failed"), r.out());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "the doctor left files in its temp dir");
    }
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    Result r = runJar("frobnicate");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.out().contains("unknown command 'frobnicate'"), r.out());
    assertTrue(r.out().contains("usage:"), r.out());
  }

  @Test
  void helpPrintsUsage() throws Exception {
    Result r = runJar("help");
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("usage:"), r.out());
  }

  @Test
  void tmpdirThatIsAFileIsSkipped() throws Exception {
    // A TMPDIR that is a regular file is skipped by the search; the next candidate (/tmp) is used.
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    List<String> command =
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            jar().toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", file.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(!out.contains("temp dir   " + file), "a file was taken for a directory:\n" + out);
  }
}
