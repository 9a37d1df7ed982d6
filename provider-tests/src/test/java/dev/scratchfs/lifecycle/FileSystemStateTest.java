package dev.scratchfs.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.ClosedFileSystemException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link FileSystemState}: registration racing a close, and a close that runs once for all. */
class FileSystemStateTest {
  @Test
  void registeredHandlesAreClosedAndReportedByTheClose() throws Exception {
    FileSystemState state = new FileSystemState(true);
    Pipe pipe = Pipe.open();
    state.register(pipe.sink(), "sink", "/a");
    pipe.source().close();
    state.register(pipe.source(), "source", "/b"); // closed by its owner: not reported
    List<String> reported = new java.util.ArrayList<>();
    state.close((open, failure) -> {
      open.forEach(t -> reported.add(t.toString()));
      return failure;
    });
    assertEquals(List.of("sink /a"), reported);
    assertFalse(pipe.sink().isOpen());
    assertFalse(state.isOpen());
    assertThrows(ClosedFileSystemException.class, state::checkOpen);
  }

  @Test
  void aHandleRegisteredAfterTheCloseIsClosedAndRefused() throws IOException {
    FileSystemState state = new FileSystemState(false);
    state.close((open, failure) -> null);
    Pipe pipe = Pipe.open();
    pipe.source().close();
    assertThrows(ClosedFileSystemException.class, () -> state.register(pipe.sink(), "sink", "/a"));
    assertFalse(pipe.sink().isOpen());
  }

  @Test
  void everyCallerWaitsForTheFirstCloseAndGetsItsOutcome() throws Exception {
    FileSystemState state = new FileSystemState(false);
    CountDownLatch finishing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    IOException outcome = new IOException("could not delete everything");
    FileSystemState.Closing slow = (open, failure) -> {
      runs.incrementAndGet();
      finishing.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return outcome;
    };
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<IOException> first = pool.submit(() -> closeCatching(state, slow));
      assertTrue(finishing.await(10, TimeUnit.SECONDS));
      Future<IOException> second = pool.submit(() -> closeCatching(state, slow));
      Future<IOException> third = pool.submit(() -> closeCatching(state, slow));
      Thread.sleep(200);
      assertFalse(second.isDone(), "a later close returned while the first was still running");
      assertFalse(third.isDone());
      release.countDown();
      assertSame(outcome, first.get(10, TimeUnit.SECONDS));
      assertSame(outcome, second.get(10, TimeUnit.SECONDS));
      assertSame(outcome, third.get(10, TimeUnit.SECONDS));
      assertEquals(1, runs.get(), "the close's steps ran once");
      assertSame(outcome, closeCatching(state, slow), "and a close long after sees it too");
    } finally {
      pool.shutdownNow();
    }
  }

  private static IOException closeCatching(FileSystemState state, FileSystemState.Closing c) {
    try {
      state.close(c);
      return null;
    } catch (IOException e) {
      return e;
    }
  }
}
