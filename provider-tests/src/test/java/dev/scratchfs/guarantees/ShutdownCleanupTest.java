package dev.scratchfs.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchfs.guarantees.child.UnclosedScratch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scratch file system that is never closed is deleted when its JVM exits, whether {@code main}
 * returns or {@code System.exit} is called; and the JVM-wide shared {@code tmp:/} file system
 * refuses {@code close()} and is deleted at exit. Each case runs in a real child JVM.
 */
class ShutdownCleanupTest {
  private static final long TIMEOUT_SECONDS = 60;
  // owner.lock: the live-owner marker that reap() checks, held locked while the child lives.
  private static final List<String> TREE =
      List.of("", "owner.lock", "root", "root/a", "root/a/b", "root/a/b/f", "root/top");
  private static final List<String> SHARED_TREE =
      List.of("", "owner.lock", "root", "root/a", "root/a/b", "root/a/b/f", "root/top",
          "root/via-uri");

  @TempDir Path testDir;

  /** What a child printed, and how it ended. */
  private record ChildRun(List<String> output, Path container, int exitCode) {}

  /**
   * Starts the child, waits for it to report its container, checks the container's contents on
   * disk while the child is alive, then lets it end.
   */
  private ChildRun run(Path workDir, List<String> tree, List<String> jvmOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(UnclosedScratch.class.getName());
    command.addAll(List.of(args));
    Path stderr = testDir.resolve("child-stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    // The shared file system's default directory is TempFiles.gettempdir(), which reads TMPDIR:
    // point it at the work directory so nothing the child makes can land in the real /tmp.
    builder.environment().put("TMPDIR", workDir.toString());
    Process child = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      CompletableFuture<Void> ready =
          CompletableFuture.runAsync(() -> readUntil(out, "READY", lines));
      try {
        ready.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail("child did not get ready; output " + lines + ", stderr " + Files.readString(stderr));
      }
      assertTrue(lines.contains("READY"),
          "child ended early; output " + lines + ", stderr " + Files.readString(stderr));
      Path container = Path.of(value(lines, "CONTAINER "));
      // While the child lives, its tree is on disk.
      assertEquals(workDir, container.getParent(), "container in the directory given");
      assertEquals(tree, Disk.tree(container));
      assertEquals("child data", Files.readString(container.resolve("root/a/b/f")));
      try (OutputStream in = child.getOutputStream()) {
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
      if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("child did not exit within " + TIMEOUT_SECONDS + " s");
      }
      String rest = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      for (String line : rest.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      String err = Files.readString(stderr);
      assertEquals("", err, "child stderr");
      return new ChildRun(lines, container, child.exitValue());
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  private static void readUntil(BufferedReader out, String last, List<String> lines) {
    try {
      for (String line; (line = out.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
        }
        if (line.equals(last)) {
          return;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String value(List<String> lines, String key) {
    for (String line : lines) {
      if (line.startsWith(key)) {
        return line.substring(key.length());
      }
    }
    throw new AssertionError("no line starting with '" + key + "' in " + lines);
  }

  @Test
  void aFileSystemLeftOpenIsDeletedWhenMainReturns() throws Exception {
    Path work = Files.createDirectory(testDir.resolve("work"));
    ChildRun run = run(work, TREE, List.of(), "return", work.toString());
    assertEquals(0, run.exitCode(), "exit code; output " + run.output());
    assertFalse(Files.exists(run.container(), LinkOption.NOFOLLOW_LINKS), "container left");
    assertEquals(Set.of(), Disk.names(work));
  }

  @Test
  void aFileSystemLeftOpenIsDeletedOnSystemExit() throws Exception {
    Path work = Files.createDirectory(testDir.resolve("work"));
    ChildRun run = run(work, TREE, List.of(), "exit", work.toString());
    assertEquals(3, run.exitCode(), "exit code; output " + run.output());
    assertFalse(Files.exists(run.container(), LinkOption.NOFOLLOW_LINKS), "container left");
    assertEquals(Set.of(), Disk.names(work));
  }

  @Test
  void theSharedFileSystemRefusesCloseAndIsDeletedAtExit() throws Exception {
    Path tmpdir = Files.createDirectory(testDir.resolve("child-tmpdir"));
    ChildRun run = run(tmpdir, SHARED_TREE, List.of("-Djava.io.tmpdir=" + tmpdir), "shared");
    assertEquals(0, run.exitCode(), "exit code; output " + run.output());
    assertEquals("true", value(run.output(), "SAME "), "Path.of(tmp:/x) is in the shared fs");
    String close = value(run.output(), "CLOSE ");
    assertTrue(close.startsWith("java.lang.UnsupportedOperationException "), close);
    assertTrue(close.contains("shared"), close);
    assertEquals("true", value(run.output(), "OPEN "), "still open after the refused close");
    assertFalse(Files.exists(run.container(), LinkOption.NOFOLLOW_LINKS), "container left");
    assertEquals(Set.of(), Disk.names(tmpdir));
    // Malformed URIs given to getFileSystem and Path.of, in the same child (whose tmpdir is clean).
    String[][] expected = {
      {"tmp:x", "java.lang.IllegalArgumentException", "tmp:x"},
      {"tmp://u@h/", "java.lang.IllegalArgumentException", "tmp://u@h/"},
      {"tmp://h:1/", "java.lang.IllegalArgumentException", "tmp://h:1/"},
      {"tmp:/?q", "java.lang.IllegalArgumentException", "tmp:/?q"},
      {"tmp:/#f", "java.lang.IllegalArgumentException", "tmp:/#f"},
      {"tmp://nobody-has-this-name/", "java.nio.file.FileSystemNotFoundException",
        "nobody-has-this-name"},
    };
    for (String[] e : expected) {
      for (String op : List.of("getFileSystem", "Path.of")) {
        String outcome = value(run.output(), "URI " + e[0] + " " + op + " ");
        assertTrue(outcome.startsWith(e[1] + " "), e[0] + " " + op + ": " + outcome);
        assertTrue(outcome.contains(e[2]), e[0] + " " + op + " names the problem: " + outcome);
      }
    }
    String fsUri = value(run.output(), "URI tmp:/a/b getFileSystem ");
    assertTrue(fsUri.startsWith("java.lang.IllegalArgumentException ") && fsUri.contains("/a/b"),
        "getFileSystem(tmp:/a/b): " + fsUri);
    String pathUri = value(run.output(), "URI tmp:/a/b Path.of ");
    assertEquals("returned /a/b", pathUri, "Path.of(tmp:/a/b) is a path of the shared fs");
  }
}
