package dev.scratchfs.doctor;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.io.TreeDeleter;
import java.nio.file.FileSystem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code doctor run -- COMMAND ARGS…}: runs a program whose temporary directory is the root of a
 * fresh scratch file system, so that whatever it leaves there is owner-only while it runs and gone
 * when it ends.
 *
 * <p>{@code TMPDIR}, {@code TEMP} and {@code TMP} point at the scratch root (on disk, via {@link
 * TmpFileSystems#unwrap}). The program's exit code is passed through (a program killed by signal N
 * gives 128 + N, as in a shell). The directory is removed when the program ends, whatever its exit
 * code, and also when the doctor itself is interrupted ({@code SIGINT}, {@code SIGTERM}).
 *
 * <p>Order matters on interruption: the program is ended first, then the tree is deleted, so that
 * nothing writes into the tree while it is deleted. The shutdown hook doing this is registered
 * before the program starts, and the two hand over through a latch: either the hook sees the
 * started process, or the program is never started.
 */
final class RunCommand {
  /** Exit code when the program could not be started, as in POSIX shells. */
  static final int CANNOT_RUN = 127;

  /** Exit code when the doctor was interrupted before the program ended, as for SIGINT. */
  static final int INTERRUPTED = 130;

  private static final long GRACE_SECONDS = 5;

  private final FileSystem scratch;
  private final Path container;
  private final PrintStream err;
  private final AtomicReference<Process> started = new AtomicReference<>();
  private final CountDownLatch decided = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private Boolean removed; // guarded by this: null until remove() ran

  private RunCommand(FileSystem scratch, PrintStream err) {
    this.scratch = scratch;
    // The one entry the file system made in its directory: what is removed after the program.
    this.container = TmpFileSystems.unwrap(scratch.getPath("/")).getParent();
    this.err = err;
  }

  static int run(List<String> command, PrintStream err) {
    if (command.isEmpty()) {
      err.println("scratchfs doctor run: no command given; usage: run -- COMMAND [ARGS...]");
      return 2;
    }
    FileSystem scratch;
    try {
      // cleanup(false): this command deletes the tree itself, after the program ended, instead of
      // racing the file system's own exit hook against a program still writing.
      scratch =
          TmpFileSystems.builder().prefix("scratchfs-run-").cleanup(false).build();
    } catch (IOException e) {
      err.println("scratchfs doctor run: cannot create the scratch directory: " + e);
      return 1;
    }
    return new RunCommand(scratch, err).run(command);
  }

  private int run(List<String> command) {
    Thread stopper = new Thread(this::onShutdown, "scratchfs-run-stopper");
    try {
      Runtime.getRuntime().addShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      decided.countDown();
      return remove() ? INTERRUPTED : 1;
    }
    Path dir = TmpFileSystems.unwrap(scratch.getPath("/"));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = pb.environment();
    for (String name : List.of("TMPDIR", "TEMP", "TMP")) {
      env.put(name, dir.toString());
    }
    Process process;
    try {
      if (stopping.get()) {
        return INTERRUPTED;
      }
      process = pb.start();
      started.set(process);
    } catch (IOException e) {
      err.println("scratchfs doctor run: cannot run " + command.get(0) + ": " + e.getMessage());
      removeHook(stopper);
      remove();
      return CANNOT_RUN;
    } finally {
      decided.countDown();
    }
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
      exit = INTERRUPTED;
    }
    removeHook(stopper);
    return remove() ? exit : (exit == 0 ? 1 : exit);
  }

  private void onShutdown() {
    stopping.set(true);
    try {
      decided.await(GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Process process = started.get();
    if (process != null) {
      stop(process);
    }
    remove();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway; removal is idempotent.
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Closes the scratch file system and deletes its tree, once; true if nothing was left.
   * Synchronized, not just guarded by a flag: the shutdown hook must wait for a removal the main
   * thread already started, because the JVM halts as soon as the hooks return.
   */
  private synchronized boolean remove() {
    if (removed == null) {
      try {
        scratch.close();
        TreeDeleter.deleteTree(container);
        removed = true;
      } catch (IOException e) {
        err.println("scratchfs doctor run: could not remove the scratch directory: " + e);
        removed = false;
      }
    }
    return removed;
  }
}
