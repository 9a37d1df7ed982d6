package dev.scratchfs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other local user of the threat model: uid and gid 65534 ({@code nobody}), reached with
 * {@code setpriv}. Only root can switch to it, so tests that need it are skipped elsewhere.
 */
public final class OtherUser {
  /** The uid (and gid) of the other user. */
  public static final int ID = 65534;

  private OtherUser() {}

  /** The command that runs {@code command} as the other user, with no supplementary groups. */
  public static List<String> as(String... command) {
    List<String> full = new ArrayList<>(List.of(
        "setpriv", "--reuid=" + ID, "--regid=" + ID, "--clear-groups"));
    full.addAll(List.of(command));
    return full;
  }

  /** Skips the calling test unless this process can run commands as the other user. */
  public static void assumeAvailable() {
    boolean works;
    try {
      Process p = new ProcessBuilder(as("id", "-u")).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      works = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("" + ID);
    } catch (IOException | InterruptedException e) {
      works = false;
    }
    assumeTrue(works, "cannot run commands as uid " + ID + " (setpriv needs root)");
  }

  /** Runs a shell script as the other user and fails unless it exits 0 within 10 seconds. */
  public static void sh(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(as("sh", "-c", script)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "script as uid " + ID + " finished: " + script);
    assertEquals(0, p.exitValue(), "script as uid " + ID + ": " + script + "\n" + out);
  }

  /**
   * Makes {@code dir} (which the test created) and every directory above it up to and including
   * {@code top} traversable by the other user ({@code --x} for others), without giving it anything
   * else there.
   */
  public static void mayTraverse(Path top, Path dir) throws IOException {
    for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
    }
  }

  /**
   * Makes a directory that everyone may write in, with the sticky bit, like {@code /tmp}, so the
   * other user can create its own entries there and not touch anyone else's.
   */
  public static Path stickyDirectory(Path dir) throws IOException, InterruptedException {
    Files.createDirectory(dir);
    Process p = new ProcessBuilder("chmod", "1777", dir.toString()).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "chmod 1777 " + dir);
    return dir;
  }
}
