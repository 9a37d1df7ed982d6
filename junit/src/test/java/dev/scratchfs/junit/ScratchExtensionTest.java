package dev.scratchfs.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Throwables;
import com.google.common.io.MoreFiles;
import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.junit.cases.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * {@code @ScratchDir} in real Jupiter runs: the example classes of {@code cases} run in the engine
 * test kit with their scratch roots in this test's {@code @TempDir}, and what they recorded from
 * inside is checked on disk afterwards.
 */
class ScratchExtensionTest {
  @TempDir Path dir;

  @Test
  void fieldsAndParametersGetFreshOwnerOnlyRootsThatAreGoneAfterEachTest() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("FieldAndParameterCase"));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    assertEquals("rwx------", Seen.fact("field mode"));
    assertEquals("rwx------", Seen.fact("container mode"));
    assertEquals("rw-------", Seen.fact("file mode"));
    List<Path> seen = Seen.paths();
    assertEquals(3, seen.size(), seen.toString());
    assertEquals(3, seen.stream().distinct().count(), "a new root per element and test: " + seen);
    for (Path root : seen) {
      assertTrue(root.startsWith(dir), root + " is under scratchfs.dir");
      assertFalse(Files.exists(root.getParent()), root.getParent() + " was deleted");
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void aTestThatLeavesHandlesOpenFailsNamingEachWithKindPathAndLine() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("LeakingCase"));

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    LeakedHandlesException leak =
        assertInstanceOf(LeakedHandlesException.class, onlyFailure(results));
    assertEquals(2, leak.handles().size(), leak.getMessage());
    assertTrue(leak.getMessage().contains("file channel /held.bin, opened at"), leak.getMessage());
    assertTrue(leak.getMessage().contains("output stream /out.txt, opened at"), leak.getMessage());
    assertTrue(leak.getMessage().contains("LeakingCase.leavesAChannelAndAStreamOpen(LeakingCase.java:"),
        leak.getMessage());
    assertFalse(Files.exists(Seen.path("root")));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void leaksCanBeClosedQuietlyByAttributeOrConfigurationParameter() throws IOException {
    TestKitRun.run(dir, cases("LeaksClosedCase"))
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertFalse(Files.exists(Seen.path("root")));

    TestKitRun.run(dir, cases("LeakingCase"), "scratchfs.leaks", "close")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertFalse(Files.exists(Seen.path("root")));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void aBadLeakModeFailsTheTestNamingTheParameter() throws IOException {
    EngineExecutionResults results =
        TestKitRun.run(dir, cases("FieldAndParameterCase"), "scratchfs.leaks", "sometimes");

    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    Throwable failure = results.testEvents().failed().stream().map(ScratchExtensionTest::failure)
        .findFirst().orElseThrow();
    assertTrue(failure.getMessage().contains("configuration parameter scratchfs.leaks"),
        failure.getMessage());
    assertTrue(failure.getMessage().contains("sometimes"), failure.getMessage());
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void keepOnFailureKeepsTheFailedTestsTreeAndDeletesThePassingOnes() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("KeepOnFailureCase"));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    Path kept = Seen.path("failing");
    assertEquals("what went wrong", Files.readString(kept.resolve("logs/evidence.txt")));
    assertEquals(List.of(kept.toString()), keptReports(results));
    assertFalse(Files.exists(Seen.path("passing")));
    // Only the failed test's tree is left: one private directory holding its container.
    Path keeper = kept.getParent().getParent();
    assertEquals(List.of(keeper), TestKitRun.entries(dir));
    assertTrue(keeper.getFileName().toString().startsWith("scratchfs-junit-"), keeper.toString());
    MoreFiles.deleteRecursively(keeper);
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void keepOnFailureByParameterAlsoKeepsTheTreeOfALeakingTest() throws IOException {
    EngineExecutionResults results =
        TestKitRun.run(dir, cases("LeakingCase"), "scratchfs.keepOnFailure", "true");

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertInstanceOf(LeakedHandlesException.class, onlyFailure(results));
    Path kept = Seen.path("root");
    assertEquals("x", Files.readString(kept.resolve("out.txt")), "the stream was closed, flushed");
    assertTrue(Files.exists(kept.resolve("held.bin")));
    assertEquals(List.of(kept.toString()), keptReports(results));
    assertTrue(kept.startsWith(dir), kept.toString());
    MoreFiles.deleteRecursively(kept.getParent().getParent());
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void inMemoryRootsLiveInJimfsWithOwnerOnlyModesAndNothingOnDisk() throws IOException {
    TestKitRun.run(dir, cases("InMemoryCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    assertEquals("jimfs", Seen.fact("delegate scheme"));
    assertEquals("in memory", Seen.fact("delegate content"));
    assertEquals("rw-------", Seen.fact("file mode"));
    assertEquals("rwx------", Seen.fact("root mode"));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void inMemoryByConfigurationParameterMovesEveryRootIntoJimfs() throws IOException {
    TestKitRun.run(dir, cases("DelegateCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("file", Seen.fact("delegate scheme"), "on disk without the parameter");

    TestKitRun.run(dir, cases("DelegateCase"), "scratchfs.inMemory", "true").testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("jimfs", Seen.fact("delegate scheme"));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void inMemoryWithKeepOnFailureOnOneAnnotationIsRefused() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("InMemoryKeepCase"));

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    String messages = Throwables.getCausalChain(onlyFailure(results)).stream()
        .map(Throwable::getMessage).toList().toString();
    assertTrue(messages.contains("nothing on disk to keep"), messages);
    assertEquals(null, Seen.fact("ran"));
  }

  @Test
  void aFileElementFailsWithAMessageSayingWhatToUse() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("WrongTypeCase"));

    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    String messages = Throwables.getCausalChain(onlyFailure(results)).stream()
        .map(Throwable::getMessage).toList().toString();
    assertTrue(messages.contains("has type java.io.File; it must be java.nio.file.Path"), messages);
    assertTrue(messages.contains("TmpFileSystems.unwrap(path).toFile()"), messages);
    assertTrue(messages.contains("@TempDir File (with ScratchTempDirFactory)"), messages);
    assertEquals(null, Seen.fact("ran"));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void constructorParametersLastOneTestAndStaticFieldsTheClass() throws IOException {
    EngineExecutionResults results = TestKitRun.run(dir, cases("ConstructorAndStaticCase"));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    results.containerEvents().assertStatistics(s -> s.failed(0));
    assertNotEquals(Seen.path("first own"), Seen.path("second own"));
    assertFalse(Files.exists(Seen.path("shared")));
    assertFalse(Files.exists(Seen.path("second own")));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  private static List<String> keptReports(EngineExecutionResults results) {
    return results.allEvents().reportingEntryPublished().stream()
        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
        .filter(m -> m.containsKey(ScratchExtension.KEPT_REPORT_KEY))
        .map(m -> m.get(ScratchExtension.KEPT_REPORT_KEY))
        .toList();
  }

  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = results.testEvents().failed().stream()
        .map(ScratchExtensionTest::failure).toList();
    assertEquals(1, failures.size(), failures.toString());
    return failures.get(0);
  }

  static Throwable failure(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  static Class<?> cases(String simpleName) {
    try {
      return Class.forName("dev.scratchfs.junit.cases." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
