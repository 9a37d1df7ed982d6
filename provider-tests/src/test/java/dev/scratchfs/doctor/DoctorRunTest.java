package dev.scratchfs.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar scratchfs-provider.jar run -- COMMAND}: a real doctor process running a real
 * shell, with {@code TMPDIR} of the doctor pointed at this test's own directory so that everything
 * it makes is checked, and nothing can land in the real temp directory.
 */
class DoctorRunTest {
  @TempDir Path tmp;

  private Process start(String script) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("scratchfs.test.jar"));
    command.addAll(List.of("run", "--", "sh", "-c", script));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", tmp.toString());
    return pb.start();
  }

  private List<Path> leftInTmp() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    }
  }

  @Test
  void programSeesAPrivateTempDirThatIsGoneAfterwardsAndItsExitCodeIsPassedThrough()
      throws Exception {
    Process doctor =
        start("echo \"$TMPDIR|$TEMP|$TMP\"; stat -c %a \"$TMPDIR\"; "
            + "mkdir \"$TMPDIR/sub\" && echo data > \"$TMPDIR/sub/file\" && ls \"$TMPDIR/sub\"; exit 7");
    List<String> lines = readAll(doctor);
    assertTrue(doctor.waitFor(60, TimeUnit.SECONDS));
    assertEquals(7, doctor.exitValue(), String.join("\n", lines));
    String[] dirs = lines.get(0).split("\\|");
    assertEquals(3, dirs.length, lines.toString());
    assertEquals(dirs[0], dirs[1]);
    assertEquals(dirs[0], dirs[2]);
    Path dir = Path.of(dirs[0]);
    assertTrue(dir.startsWith(tmp), "the program's temp dir is in the doctor's TMPDIR: " + dir);
    assertEquals("700", lines.get(1), "the program's temp dir is owner-only");
    assertEquals("file", lines.get(2), "the program could write there");
    assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "the program's temp dir is removed");
    assertEquals(List.of(), leftInTmp());
  }

  @Test
  void successIsZero() throws Exception {
    Process doctor = start("touch \"$TMPDIR/x\"");
    readAll(doctor);
    assertTrue(doctor.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, doctor.exitValue());
    assertEquals(List.of(), leftInTmp());
  }

  @Test
  void interruptedDoctorStopsTheProgramAndRemovesTheDirectory() throws Exception {
    Process doctor = start("echo \"$TMPDIR\"; echo $$; touch \"$TMPDIR/held\"; exec sleep 600");
    BufferedReader out =
        new BufferedReader(new InputStreamReader(doctor.getInputStream(), StandardCharsets.UTF_8));
    Path dir = Path.of(out.readLine());
    long programPid = Long.parseLong(out.readLine().trim());
    Optional<ProcessHandle> program = ProcessHandle.of(programPid);
    assertTrue(program.isPresent() && program.get().isAlive(), "the program runs");
    assertTrue(Files.isDirectory(dir), "its directory exists while it runs");

    doctor.destroy(); // SIGTERM to the doctor, as a user's kill or CI's time-out would send
    assertTrue(doctor.waitFor(60, TimeUnit.SECONDS), "the doctor ends on SIGTERM");
    assertFalse(program.get().isAlive(), () -> "the program is ended with the doctor: " + state(programPid));
    assertFalse(Files.exists(dir, LinkOption.NOFOLLOW_LINKS), "its directory is removed");
    assertEquals(List.of(), leftInTmp());
  }

  @Test
  void missingProgramIs127AndLeavesNothing() throws Exception {
    List<String> command =
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            System.getProperty("scratchfs.test.jar"), "run", "--",
            tmp.resolve("no-such-program").toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("TMPDIR", tmp.toString());
    Process doctor = pb.start();
    String out = String.join("\n", readAll(doctor));
    assertTrue(doctor.waitFor(60, TimeUnit.SECONDS));
    assertEquals(127, doctor.exitValue(), out);
    assertTrue(out.contains("cannot run"), out);
    assertEquals(List.of(), leftInTmp());
  }

  @Test
  void runWithoutACommandIsAUsageError() throws Exception {
    List<String> command =
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            System.getProperty("scratchfs.test.jar"), "run", "--");
    Process doctor = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = String.join("\n", readAll(doctor));
    assertTrue(doctor.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, doctor.exitValue(), out);
    assertTrue(out.contains("no command given"), out);
  }

  private static String state(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (IOException e) {
      return "no /proc entry: " + e;
    }
  }

  private static List<String> readAll(Process p) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }
}
