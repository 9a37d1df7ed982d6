package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gettempdir}: Python's search, the probe, the cache and {@code settempdir}. */
class GetTempDirTest {
  // ---- the search, in process, on jimfs with a fake environment ----

  private static FileSystem jimfs() {
    return Jimfs.newFileSystem(Configuration.unix());
  }

  private static TempDirSearch search(FileSystem fs, Map<String, String> env, String... platform) {
    List<Path> dirs = new ArrayList<>();
    for (String d : platform) {
      dirs.add(fs.getPath(d));
    }
    return new TempDirSearch(env::get, dirs, fs.getPath("/cwd"));
  }

  @Test
  void candidatesComeInPythonsOrder() throws IOException {
    try (FileSystem fs = jimfs()) {
      Map<String, String> env = Map.of("TMPDIR", "/t1", "TEMP", "rel", "TMP", "/t3");
      assertEquals(
          List.of("/t1", "/cwd/rel", "/t3", "/tmp", "/var/tmp", "/cwd"),
          search(fs, env, "/tmp", "/var/tmp").candidates().stream().map(Path::toString).toList());
      assertEquals(
          List.of("/tmp", "/cwd"),
          search(fs, Map.of("TMPDIR", ""), "/tmp").candidates().stream()
              .map(Path::toString)
              .toList(),
          "an empty variable is no candidate");
    }
  }

  @Test
  void theFirstUsableCandidateWinsAndTheProbeLeavesNothing() throws IOException {
    try (FileSystem fs = jimfs()) {
      Files.writeString(fs.getPath("/a-file"), "not a directory");
      Files.createDirectory(fs.getPath("/good"));
      Files.createDirectory(fs.getPath("/tmp"));
      Map<String, String> env = Map.of("TMPDIR", "/missing", "TEMP", "/a-file", "TMP", "/good");
      assertEquals(fs.getPath("/good"), search(fs, env, "/tmp").find());
      assertEquals(Set.of(), Place.names(fs.getPath("/good")));
      assertEquals(fs.getPath("/tmp"), search(fs, Map.of(), "/tmp").find());
      assertEquals(Set.of(), Place.names(fs.getPath("/tmp")));
    }
  }

  @Test
  void theWorkingDirectoryIsTheLastResort() throws IOException {
    try (FileSystem fs = jimfs()) {
      Files.createDirectory(fs.getPath("/cwd"));
      assertEquals(fs.getPath("/cwd"), search(fs, Map.of("TMPDIR", "/nope"), "/tmp").find());
    }
  }

  @Test
  void whenNothingIsUsableTheErrorNamesEveryDirectoryTried() throws IOException {
    try (FileSystem fs = jimfs()) {
      Files.writeString(fs.getPath("/a-file"), "x");
      Map<String, String> env = Map.of("TMPDIR", "/missing", "TEMP", "/a-file");
      NoSuchFileException e =
          assertThrows(NoSuchFileException.class, () -> search(fs, env, "/tmp", "/var/tmp").find());
      assertEquals(
          "No usable temporary directory found in [/missing, /a-file, /tmp, /var/tmp, /cwd]",
          e.getMessage());
      assertEquals(5, e.getSuppressed().length);
      assertEquals(Set.of("a-file", "work"), Place.names(fs.getPath("/")));
    }
  }

  // ---- the cache ----

  @Test
  void theCacheSearchesOnceEvenWhenManyThreadsAskAtOnce() throws Exception {
    AtomicInteger searches = new AtomicInteger();
    Path found = Path.of("/found");
    TempDirCache cache =
        new TempDirCache(
            () -> {
              searches.incrementAndGet();
              return found;
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get();
                }));
      }
      start.countDown();
      for (Future<Path> r : results) {
        assertSame(found, r.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, searches.get());

    cache.set(Path.of("/override"));
    assertEquals(Path.of("/override"), cache.get());
    cache.set(null);
    assertSame(found, cache.get());
    assertEquals(2, searches.get(), "forgetting the directory searches again");
  }

  @Test
  void aFailedSearchIsNotRemembered() {
    AtomicInteger searches = new AtomicInteger();
    TempDirCache cache =
        new TempDirCache(
            () -> {
              if (searches.incrementAndGet() == 1) {
                throw new NoSuchFileException(null, null, "nothing");
              }
              return Path.of("/later");
            });
    UncheckedIOException e = assertThrows(UncheckedIOException.class, cache::get);
    assertInstanceOf(NoSuchFileException.class, e.getCause());
    assertEquals(Path.of("/later"), cache.get());
  }

  // ---- TempFiles.gettempdir / settempdir in this JVM ----

  @Test
  void gettempdirIsAUsableAbsoluteDirectoryAndTheSameEachTime(@TempDir Path mine)
      throws IOException {
    TempFiles.settempdir(null);
    try {
      Path first = TempFiles.gettempdir();
      assertSame(first, TempFiles.gettempdir());
      assertTrue(first.isAbsolute());
      assertTrue(Files.isDirectory(first));

      TempFiles.settempdir(mine);
      assertEquals(mine, TempFiles.gettempdir());
      Path made;
      try (TempFile file = TempFiles.namedTemporaryFile()) {
        made = file.path();
        assertEquals(mine, made.getParent());
      }
      assertTrue(Files.notExists(made));

      TempFiles.settempdir(null);
      assertEquals(first, TempFiles.gettempdir(), "reset searches again, with the same result");
    } finally {
      TempFiles.settempdir(null);
    }
  }

  // ---- child JVMs: the real environment ----

  private static String childTempDir(Path workingDir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            PrintTempDir.class.getName());
    pb.directory(workingDir.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> childEnv = pb.environment();
    for (String variable : TempDirSearch.VARIABLES) {
      childEnv.remove(variable);
    }
    childEnv.putAll(env);
    Process child = pb.start();
    String out = new String(child.getInputStream().readAllBytes(), UTF_8).strip();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), out);
    return out;
  }

  @Test
  void childHonoursTmpdir(@TempDir Path work, @TempDir Path tmpdir) throws Exception {
    Files.writeString(tmpdir.resolve("existing"), "x");
    assertEquals(tmpdir.toString(), childTempDir(work, Map.of("TMPDIR", tmpdir.toString())));
    assertEquals(Set.of("existing"), Place.names(tmpdir), "the probe must leave nothing behind");
  }

  @Test
  void childSkipsAMissingTmpdir(@TempDir Path work, @TempDir Path temp) throws Exception {
    Path missing = work.resolve("missing");
    assertEquals(
        temp.toString(),
        childTempDir(work, Map.of("TMPDIR", missing.toString(), "TEMP", temp.toString())));
    assertTrue(Files.notExists(missing));
    assertEquals(Set.of(), Place.names(temp));
  }

  @Test
  void childSkipsATmpdirThatIsARegularFile(@TempDir Path work, @TempDir Path tmp) throws Exception {
    Path file = Files.writeString(work.resolve("file"), "not a dir");
    assertEquals(
        tmp.toString(),
        childTempDir(work, Map.of("TMPDIR", file.toString(), "TEMP", "", "TMP", tmp.toString())));
    assertEquals("not a dir", Files.readString(file));
  }

  @Test
  void childSkipsAReadOnlyTmpdir(@TempDir Path work, @TempDir Path temp) throws Exception {
    Path readOnly = Files.createDirectory(work.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(canCreateIn(readOnly), "privileged user: a r-x directory is writable anyway");
      assertEquals(
          temp.toString(),
          childTempDir(work, Map.of("TMPDIR", readOnly.toString(), "TEMP", temp.toString())));
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
    assertEquals(Set.of(), Place.names(readOnly));
  }

  private static boolean canCreateIn(Path dir) throws IOException {
    try {
      Files.delete(Files.createFile(dir.resolve("write-check")));
      return true;
    } catch (AccessDeniedException expected) {
      return false;
    }
  }

  @Test
  void childResolvesARelativeTmpdirAgainstItsWorkingDirectory(@TempDir Path work)
      throws Exception {
    Files.createDirectory(work.resolve("sub"));
    assertEquals(work.resolve("sub").toString(), childTempDir(work, Map.of("TMPDIR", "sub")));
    assertEquals(Set.of(), Place.names(work.resolve("sub")));
  }

  @Test
  void childWithoutVariablesFindsWhatThePlatformListGives(@TempDir Path work) throws Exception {
    Path expected =
        new TempDirSearch(
                name -> null,
                List.of(Path.of("/tmp"), Path.of("/var/tmp"), Path.of("/usr/tmp")),
                work)
            .find();
    assertNotNull(expected);
    assertEquals(expected.toString(), childTempDir(work, new HashMap<>()));
    assertEquals(Set.of(), Place.names(work));
  }
}
