package dev.scratchfs.junit;

import static dev.scratchfs.junit.ScratchExtensionTest.cases;
import static dev.scratchfs.junit.ScratchExtensionTest.onlyFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.junit.cases.Seen;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
  private static final String FACTORY = ScratchTempDirFactory.class.getName();

  @TempDir Path dir;
  @TempDir Path reference;

  @Test
  void factoryOnTheAnnotationGivesAnOwnerOnlyDirectoryThatIsGoneAfterTheTest() throws IOException {
    TestKitRun.run(dir, cases("FactoryOnAnnotationCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    assertEquals("rwx------", Seen.fact("tempdir mode"));
    assertEquals("rwx------", Seen.fact("root mode"));
    assertEquals("rwx------", Seen.fact("sub mode"));
    assertEquals("rw-------", Seen.fact("file mode"));
    Path onDisk = Seen.path("tempdir");
    assertEquals(Seen.path("root").resolve(ScratchTempDirFactory.DIRECTORY.substring(1)), onDisk);
    assertOwnContainerGone(onDisk);
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
    assertNotEquals(container(Seen.path("field")), container(Seen.path("parameter")));
    for (Path p : Seen.paths()) {
      assertOwnContainerGone(p);
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void theTmpDirectorysStringNamesNothingOnTheHost() throws IOException {
    TestKitRun.run(dir, cases("HostPathMisuseCase"), DEFAULT_FACTORY, FACTORY)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    String string = Seen.fact("string");
    assertEquals(ScratchTempDirFactory.DIRECTORY, string);
    assertTrue(Seen.fact("uri").startsWith("tmp://"), Seen.fact("uri"));
    // Misused as a host path, the string names an entry below a device, where nothing can exist.
    // Checked before anything is tried, so that no attempt below could create a host directory.
    Path devNull = Path.of("/dev/null");
    assertTrue(Files.exists(devNull) && !Files.isDirectory(devNull) && !Files.isSymbolicLink(devNull),
        "/dev/null is the null device here");
    Path host = Path.of(string);
    assertFalse(Files.exists(host, LinkOption.NOFOLLOW_LINKS));
    assertThrows(IOException.class, () -> Files.createDirectories(host));
    assertThrows(IOException.class, () -> Files.writeString(host.resolve("a.txt"), "x"));
    assertFalse(new File(string).mkdirs());
    assertThrows(IOException.class, () -> new File(string, "a.txt").createNewFile());
    assertFalse(new File(string).delete());
    assertFalse(Files.exists(host, LinkOption.NOFOLLOW_LINKS));
    assertOwnContainerGone(Seen.path("tempdir"));
  }

  @Test
  void fileTempDirsInStaticAndInstanceFieldsAndParametersAreOwnerOnlyDirectoriesOnDisk()
      throws IOException {
    TestKitRun.run(dir, cases("FileTempDirCase"), DEFAULT_FACTORY, FACTORY)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));

    for (String mode : List.of("field mode", "parameter mode", "shared mode",
        "field container mode")) {
      assertEquals("rwx------", Seen.fact(mode), mode);
    }
    // java.io does not go through scratchfs: a file gets the umask's mode, as anywhere else, and is
    // out of other users' reach only because the directories above it are rwx------.
    assertEquals(javaIoMode(), Seen.fact("file mode"), "created by java.io, narrowed by nobody");
    List<Path> seen = Seen.paths();
    assertEquals(4, seen.size(), seen.toString());
    assertEquals(4, seen.stream().map(this::container).distinct().count(),
        "one container per element and test: " + seen);
    for (Path p : seen) {
      assertEquals(ScratchTempDirFactory.DISK_DIRECTORY_NAME, p.getFileName().toString());
      assertEquals("root", p.getParent().getFileName().toString());
      assertEquals(container(p), p.getParent().getParent());
      assertOwnContainerGone(p);
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void anInheritedFileTempDirIsADirectoryOnDisk() throws IOException {
    TestKitRun.run(dir, cases("InheritedFileTempDirCase"), DEFAULT_FACTORY, FACTORY)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));

    assertEquals("rwx------", Seen.fact("inherited mode"));
    assertOwnContainerGone(Seen.path("inherited"));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void diskModeGivesEveryTempDirAPlainDirectoryInThePrivateContainer() throws IOException {
    TestKitRun.run(dir, cases("DiskModeCase"),
            DEFAULT_FACTORY, FACTORY, ScratchTempDirFactory.TEMPDIR_PROPERTY_NAME, "disk")
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));

    assertEquals("true", Seen.fact("default file system"));
    for (String mode : List.of("path mode", "file mode", "container mode")) {
      assertEquals("rwx------", Seen.fact(mode), mode);
    }
    assertEquals(javaIoMode(), Seen.fact("written mode"));
    assertEquals("h", Seen.fact("read from held"), "a stream left open fails nothing");
    assertNotEquals(container(Seen.path("path")), container(Seen.path("file")));
    for (Path p : Seen.paths()) {
      assertEquals(ScratchTempDirFactory.DISK_DIRECTORY_NAME, p.getFileName().toString());
      assertOwnContainerGone(p);
    }
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void badTempDirSettingsFailNamingTheParameterAndCreateNothing() throws IOException {
    EngineExecutionResults bad = TestKitRun.run(dir, cases("PlainTempDirCase"),
        DEFAULT_FACTORY, FACTORY, ScratchTempDirFactory.TEMPDIR_PROPERTY_NAME, "memory");
    bad.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertTrue(messages(onlyFailure(bad)).contains(
        "configuration parameter scratchfs.tempdir must be tmp or disk, not 'memory'"),
        messages(onlyFailure(bad)));

    EngineExecutionResults contradiction = TestKitRun.run(dir, cases("PlainTempDirCase"),
        DEFAULT_FACTORY, FACTORY, ScratchTempDirFactory.TEMPDIR_PROPERTY_NAME, "disk",
        ScratchExtension.IN_MEMORY_PROPERTY_NAME, "true");
    contradiction.testEvents().assertStatistics(s -> s.started(1).failed(1));
    assertTrue(messages(onlyFailure(contradiction)).contains(
        "scratchfs.tempdir=disk and scratchfs.inMemory=true contradict each other"),
        messages(onlyFailure(contradiction)));
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
    assertTrue(leak.getMessage().contains("byte channel /dev/null/junit/open.txt, opened at"),
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
        .assertStatistics(s -> s.started(4).succeeded(3).failed(1));

    assertFalse(Files.exists(Seen.path("on success, passing")));
    Path failing = Seen.path("on success, failing");
    Path never = Seen.path("never");
    Path neverOnDisk = Seen.path("never, on disk");
    assertEquals("failing", Files.readString(failing.resolve("evidence.txt")));
    assertEquals("never", Files.readString(never.resolve("evidence.txt")));
    assertEquals("never, on disk", Files.readString(neverOnDisk.resolve("evidence.txt")));
    // Each kept tree is alone in a private directory of its own; nothing else is left.
    List<Path> keepers = List.of(container(failing), container(never), container(neverOnDisk));
    for (Path keeper : keepers) {
      assertTrue(keeper.getFileName().toString().startsWith("scratchfs-junit-"), keeper.toString());
    }
    assertEquals(keepers.stream().sorted().toList(), TestKitRun.entries(dir));
    for (Path keeper : keepers) {
      MoreFiles.deleteRecursively(keeper);
    }
  }

  @Test
  void inMemoryBackingAppliesToPathsAndAFileStaysOnDisk() throws IOException {
    TestKitRun.run(dir, cases("PlainTempDirCase"),
            DEFAULT_FACTORY, FACTORY, ScratchExtension.IN_MEMORY_PROPERTY_NAME, "true")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("tmp", Seen.fact("field scheme"));
    assertEquals("jimfs", Seen.path("field").getFileSystem().provider().getScheme());
    assertEquals(List.of(), TestKitRun.entries(dir), "nothing on disk");

    TestKitRun.run(dir, cases("InheritedFileTempDirCase"),
            DEFAULT_FACTORY, FACTORY, ScratchExtension.IN_MEMORY_PROPERTY_NAME, "true")
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("rwx------", Seen.fact("inherited mode"));
    assertOwnContainerGone(Seen.path("inherited"));
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

  @Test
  void aClassWideTempDirWithOnSuccessIsKeptWhenOneOfItsTestsFails() throws IOException {
    TestKitRun.run(dir, cases("StaticOnSuccessCase"), DEFAULT_FACTORY, FACTORY)
        .testEvents()
        .assertStatistics(s -> s.started(1).failed(1));

    Path shared = Seen.path("shared");
    assertEquals("class-wide", Files.readString(shared.resolve("evidence.txt")),
        "kept, as JUnit keeps its own directory when a test of the class failed");
    Path keeper = container(shared);
    assertEquals(List.of(keeper), TestKitRun.entries(dir));
    MoreFiles.deleteRecursively(keeper);
  }

  /** The mode a file that java.io creates gets in a directory of this JVM's own. */
  private String javaIoMode() throws IOException {
    File file = new File(reference.toFile(), "reference.txt");
    assertTrue(file.createNewFile());
    return java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(file.toPath()));
  }

  /** The entry of the test's {@code scratchfs.dir} that holds {@code p}. */
  private Path container(Path p) {
    assertTrue(p.startsWith(dir), p + " is under scratchfs.dir " + dir);
    return dir.resolve(dir.relativize(p).getName(0));
  }

  /** {@code p} was in a scratch container of its own, checked on disk to be gone entirely. */
  private void assertOwnContainerGone(Path p) {
    Path container = container(p);
    assertTrue(container.getFileName().toString().matches("scratchfs-[a-z0-9_]{6}"),
        container.toString());
    assertFalse(Files.exists(container, LinkOption.NOFOLLOW_LINKS), container + " is gone");
  }

  private static String messages(Throwable failure) {
    return com.google.common.base.Throwables.getCausalChain(failure).stream()
        .map(Throwable::getMessage).toList().toString();
  }
}
