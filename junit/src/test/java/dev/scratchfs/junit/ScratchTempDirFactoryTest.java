package dev.scratchfs.junit;

import static dev.scratchfs.junit.ScratchExtensionTest.cases;
import static dev.scratchfs.junit.ScratchExtensionTest.onlyFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.junit.cases.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @TempDir} directories made by {@link ScratchTempDirFactory}, in real Jupiter runs of the
 * example classes of {@code cases}; scratch roots go to this test's own {@code @TempDir}.
 */
class ScratchTempDirFactoryTest {
  private static final String DEFAULT_FACTORY = "junit.jupiter.tempdir.factory.default";

  @TempDir Path dir;

  @Test
  void factoryOnTheAnnotationGivesAnOwnerOnlyDirectoryThatIsGoneAfterTheTest() throws IOException {
    TestKitRun.run(dir, cases("FactoryOnAnnotationCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    assertEquals("rwx------", Seen.fact("tempdir mode"));
    assertEquals("rwx------", Seen.fact("root mode"));
    assertEquals("rwx------", Seen.fact("sub mode"));
    assertEquals("rw-------", Seen.fact("file mode"));
    Path onDisk = Seen.path("tempdir");
    assertEquals(ScratchTempDirFactory.DIRECTORY_NAME, onDisk.getFileName().toString());
    assertEquals(Seen.path("root"), onDisk.getParent());
    assertTrue(onDisk.startsWith(dir), onDisk + " is under scratchfs.dir");
    assertFalse(Files.exists(onDisk.getParent().getParent()), "the whole container is gone");
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void theDefaultFactoryParameterMakesEveryTempDirAScratchOne() throws IOException {
    TestKitRun.run(dir, cases("PlainTempDirCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("file", Seen.fact("field scheme"), "without the parameter: JUnit's own");
    assertEquals("file", Seen.fact("parameter scheme"));

    TestKitRun.run(dir, cases("PlainTempDirCase"),
            DEFAULT_FACTORY, "dev.scratchfs.junit.ScratchTempDirFactory")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("tmp", Seen.fact("field scheme"));
    assertEquals("tmp", Seen.fact("parameter scheme"));
    assertNotEquals(Seen.path("field").getParent(), Seen.path("parameter").getParent());
    for (Path p : Seen.paths()) {
      assertTrue(p.startsWith(dir), p + " is under scratchfs.dir");
      assertFalse(Files.exists(p.getParent().getParent()), p + ": the whole container is gone");
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void aFileTempDirIsRefusedByJUnitAndTheScratchFileSystemClosed() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("TempDirFileCase"),
        DEFAULT_FACTORY, ScratchTempDirFactory.class.getName());

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    String messages = com.google.common.base.Throwables.getCausalChain(onlyFailure(results))
        .stream().map(Throwable::getMessage).toList().toString();
    assertTrue(messages.contains(
        "temp directory with non-default file system cannot be injected into java.io.File"),
        messages);
    assertEquals(null, Seen.fact("ran"));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void aHandleLeftOpenInATempDirFailsTheTest() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("TempDirLeakCase"),
        DEFAULT_FACTORY, ScratchTempDirFactory.class.getName());

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    // JUnit closes @TempDir directories as stored resources, and wraps what closing throws.
    Throwable failure = onlyFailure(results);
    LeakedHandlesException leak = assertInstanceOf(LeakedHandlesException.class, failure.getCause(),
        failure.toString());
    assertEquals(1, leak.handles().size(), leak.getMessage());
    assertTrue(leak.getMessage().contains("byte channel /junit/open.txt, opened at"),
        leak.getMessage());
    assertFalse(Files.exists(Seen.path("tempdir")));
    assertEquals(List.of(), TestKitRun.entries(dir));

    TestKitRun.run(dir, cases("TempDirLeakCase"),
            DEFAULT_FACTORY, ScratchTempDirFactory.class.getName(), "scratchfs.leaks", "close")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void cleanupModesNeverAndOnSuccessKeepTheTreeOnDisk() throws IOException {
    TestKitRun.run(dir, cases("TempDirCleanupModeCase")).testEvents()
        .assertStatistics(s -> s.started(3).succeeded(2).failed(1));

    assertFalse(Files.exists(Seen.path("on success, passing")));
    Path failing = Seen.path("on success, failing");
    Path never = Seen.path("never");
    assertEquals("failing", Files.readString(failing.resolve("evidence.txt")));
    assertEquals("never", Files.readString(never.resolve("evidence.txt")));
    // Each kept tree is alone in a private directory of its own; nothing else is left.
    Path failingKeeper = failing.getParent().getParent().getParent();
    Path neverKeeper = never.getParent().getParent().getParent();
    assertEquals(List.of(failingKeeper, neverKeeper).stream().sorted().toList(),
        TestKitRun.entries(dir));
    MoreFiles.deleteRecursively(failingKeeper);
    MoreFiles.deleteRecursively(neverKeeper);
  }

  @Test
  void theDefaultCleanupModeParameterIsHonoured() throws IOException {
    TestKitRun.run(dir, cases("PlainTempDirCase"),
            DEFAULT_FACTORY, ScratchTempDirFactory.class.getName(),
            "junit.jupiter.tempdir.cleanup.mode.default", "never")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    Path field = Seen.path("field");
    assertEquals("a", Files.readString(field.resolve("a.txt")));
    assertEquals("b", Files.readString(Seen.path("parameter").resolve("b.txt")));
    assertEquals(2, TestKitRun.entries(dir).size());
    for (Path kept : TestKitRun.entries(dir)) {
      MoreFiles.deleteRecursively(kept);
    }
  }
}
