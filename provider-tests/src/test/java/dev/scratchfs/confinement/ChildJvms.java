package dev.scratchfs.confinement;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link ConfinementChild} running in a child JVM of the current {@code java}, with this test's
 * class path; its output is read by a daemon thread, so that waiting for a line is bounded even
 * when the child hangs. {@link #close()} kills the child.
 */
final class ChildJvms implements AutoCloseable {
  private static final String END = "\u0000end of output";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvms(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(this::readLines, "child output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child JVM as the current user. */
  static ChildJvms start(String... args) throws IOException {
    return new ChildJvms(javaCommand(System.getProperty("java.class.path"), null, args));
  }

  /**
   * Starts a child JVM as {@link OtherUser}, with a copy of this test's class path in {@code
   * workDir} (the real one may sit in a home directory only root can read) and {@code workDir} as
   * its temporary directory.
   *
   * @param workDir a directory of the test, traversable by the other user
   */
  static ChildJvms startAsOtherUser(Path workDir, String... args) throws IOException {
    Path copy = Files.createDirectory(workDir.resolve("classpath"));
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path target = copy.resolve(i++ + "-" + source.getFileName());
      copyTree(source, target);
      entries.add(target.toString());
    }
    Path tmp = Files.createDirectory(workDir.resolve("child-tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    List<String> command =
        OtherUser.as(javaCommand(String.join(java.io.File.pathSeparator, entries), tmp, args)
            .toArray(new String[0]));
    return new ChildJvms(command);
  }

  private static List<String> javaCommand(String classPath, Path tmpDir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // No hsperfdata file: a killed child would leave it in the real temp directory.
    command.add("-XX:-UsePerfData");
    command.add("-XX:TieredStopAtLevel=1");
    if (tmpDir != null) {
      command.add("-Djava.io.tmpdir=" + tmpDir);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(ConfinementChild.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Copies a class path entry readable for everyone (files rw-r--r--, directories rwxr-xr-x). */
  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> all = Files.walk(source)) {
      all.forEach(p -> {
        Path t = target.resolve(source.relativize(p).toString());
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
          } else {
            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private void readLines() {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("READ FAILED " + e);
    }
    lines.add(END);
  }

  /**
   * Waits at most {@code timeout} for a line starting with {@code prefix}.
   *
   * @return the rest of that line
   */
  String await(String prefix, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        fail("the child printed no '" + prefix + "' within " + timeout + "; it printed " + seen);
      }
      if (line.equals(END)) {
        fail("the child ended without printing '" + prefix + "'; it printed " + seen);
      }
      seen.add(line);
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
  }

  /** Every line read so far by {@link #await}. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  /** Waits at most {@code timeout} for the child to exit; returns whether it did. */
  boolean exited(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills the child (if it still runs) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
