package dev.scratchfs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A main class of the tests running in a real child JVM of the current {@code java}, as this user
 * or as the {@link OtherUser}. Its output is read by a daemon thread, so that every wait is bounded
 * even when the child hangs; {@link #close()} kills the child.
 */
public final class ChildJvmProcess implements AutoCloseable {
  private static final String END = "\u0000end of output";

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvmProcess(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(this::readLines, "child output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} in a child JVM as this user, with this test's class path.
   *
   * @throws IOException if the process cannot be started
   */
  public static ChildJvmProcess start(Class<?> main, String... args) throws IOException {
    return new ChildJvmProcess(
        javaCommand(System.getProperty("java.class.path"), null, main, args));
  }

  /**
   * Starts {@code main} in a child JVM as the {@link OtherUser}, with a copy of this test's class
   * path that the other user can read, in {@code workDir} (the real one may lie in a home directory
   * only root can read), and its temporary directory there too (sticky and writable by all, like
   * {@code /tmp}). Both are made once per {@code workDir}.
   *
   * @param workDir a directory of the test that the other user can traverse
   * @throws IOException if the copy or the process fails
   */
  public static ChildJvmProcess startAsOtherUser(Path workDir, Class<?> main, String... args)
      throws IOException {
    Path copy = workDir.resolve("classpath");
    if (!Files.isDirectory(copy)) {
      Files.createDirectory(copy);
      int i = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path source = Path.of(entry);
        if (Files.exists(source)) {
          copyReadable(source, copy.resolve(i++ + "-" + source.getFileName()));
        }
      }
    }
    List<String> entries = new ArrayList<>();
    try (Stream<Path> copied = Files.list(copy)) {
      copied.sorted().forEach(p -> entries.add(p.toString()));
    }
    Path tmp = workDir.resolve("child-tmp");
    if (!Files.isDirectory(tmp)) {
      Files.createDirectory(tmp);
      Files.setAttribute(tmp, "unix:mode", 01777);
    }
    List<String> java = javaCommand(String.join(File.pathSeparator, entries), tmp, main, args);
    return new ChildJvmProcess(OtherUser.as(java.toArray(new String[0])));
  }

  private static List<String> javaCommand(
      String classPath, Path tmpDir, Class<?> main, String... args) {
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
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Copies a class path entry readable by everyone (files rw-r--r--, directories rwxr-xr-x). */
  private static void copyReadable(Path source, Path target) throws IOException {
    try (Stream<Path> all = Files.walk(source)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(p, t);
          Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
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
   * Waits at most {@code timeout} for a line starting with {@code prefix}; fails the test if none
   * comes.
   *
   * @return the rest of that line
   */
  public String await(String prefix, Duration timeout) throws InterruptedException {
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
  public List<String> seen() {
    return List.copyOf(seen);
  }

  /** The lines read so far by {@link #await} that start with {@code prefix}, without it. */
  public List<String> seen(String prefix) {
    List<String> found = new ArrayList<>();
    for (String line : seen) {
      if (line.startsWith(prefix)) {
        found.add(line.substring(prefix.length()));
      }
    }
    return found;
  }

  /** The child's process, to read its ID and start time. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Sends one line to the child's standard input. */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Ends the child's standard input and waits at most {@code timeout} for it to exit. */
  public boolean endInputAndWait(Duration timeout) throws IOException, InterruptedException {
    process.getOutputStream().close();
    return exited(timeout);
  }

  /** Waits at most {@code timeout} for the child to exit; returns whether it did. */
  public boolean exited(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills the child (if it still runs) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
