package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.SpooledTempFile;
import dev.scratchfs.TempDirectory;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code README.md}, run. Each example is the code between {@code // example:
 * NAME} and {@code // end example} below; {@code dev.scratchfs.recipes.ReadmeExamplesTest} checks
 * that the README's {@code <!-- example: NAME -->} code blocks are the same code, character for
 * character (after removing the common indentation), so the two cannot drift apart.
 *
 * <p>Every test points {@link TempFiles#settempdir} at its own fresh directory first, so the examples'
 * default directory is never the real temporary directory.
 */
@ExtendWith(ResetsTempDir.class)
class TempFilesReadmeExamplesTest {
  /** One example per Python function in the table, plus the Java-only ones. */
  static final Set<String> REQUIRED =
      Set.of(
          "gettempdir", "gettempprefix", "settempdir", "mkstemp", "mkdtemp", "mktemp",
          "TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory",
          "persist", "scratch");

  @TempDir Path fresh;

  @BeforeEach
  void useAFreshDefaultDirectory() {
    TempFiles.settempdir(fresh);
  }

  @Test
  void gettempdir() {
    // example: gettempdir
    Path tmp = TempFiles.gettempdir(); // e.g. /tmp, or $TMPDIR; found once, then remembered
    // end example
    assertEquals(fresh, tmp);
  }

  @Test
  void gettempprefix() {
    // example: gettempprefix
    String prefix = TempFiles.gettempprefix(); // "tmp"
    // end example
    assertEquals("tmp", prefix);
  }

  @Test
  void settempdir() throws IOException {
    Path buildDir = Files.createDirectory(fresh.resolve("build"));
    // example: settempdir
    TempFiles.settempdir(buildDir); // tempfile.tempdir = build_dir
    Path work = TempFiles.mkdtemp(); // now made in buildDir
    // end example
    assertEquals(buildDir, TempFiles.gettempdir());
    assertEquals(buildDir, work.getParent());
  }

  @Test
  void mkstemp() throws IOException {
    // example: mkstemp
    Path path;
    try (TempFile file = TempFiles.mkstemp(".txt", null, null)) { // suffix, prefix, dir
      file.write(ByteBuffer.wrap("hello".getBytes(UTF_8)));
      path = file.path();
    } // closes the file; it stays
    String text = Files.readString(path);
    Files.delete(path); // the caller removes it
    // end example
    assertEquals("hello", text);
    assertEquals(fresh, path.getParent());
    assertTrue(Place.namePattern("tmp", ".txt").matcher(path.getFileName().toString()).matches());
    assertEquals(Set.of(), Place.names(fresh));
  }

  @Test
  void mkdtemp() throws IOException {
    // example: mkdtemp
    Path dir = TempFiles.mkdtemp(null, "build-", null); // rwx------
    Files.writeString(dir.resolve("out.txt"), "done");
    // end example
    assertEquals(fresh, dir.getParent());
    assertTrue(Place.namePattern("build-", "").matcher(dir.getFileName().toString()).matches());
    assertEquals(Place.DIR_MODE, Place.modeOf(dir));
    assertEquals("done", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void mktemp() throws IOException {
    // example: mktemp
    @SuppressWarnings("deprecation") // unsafe: someone may take the name first; use mkstemp
    Path name = TempFiles.mktemp(".sock", null, null); // nothing is created
    // end example
    assertEquals(fresh, name.getParent());
    assertFalse(Files.exists(name, NOFOLLOW_LINKS));
    assertEquals(Set.of(), Place.names(fresh));
  }

  @Test
  void temporaryFile() throws IOException {
    // example: TemporaryFile
    byte[] back;
    try (TempFile file = TempFiles.temporaryFile()) { // no name in the directory
      file.newOutputStream().write("scratch data".getBytes(UTF_8));
      file.position(0);
      back = file.newInputStream().readAllBytes();
    } // gone
    // end example
    assertArrayEquals("scratch data".getBytes(UTF_8), back);
    assertEquals(Set.of(), Place.names(fresh));
  }

  @Test
  void namedTemporaryFile() throws IOException {
    // example: NamedTemporaryFile
    String seenByName;
    Path name;
    try (TempFile file = TempFiles.namedTemporaryFile(".json", null, null, true)) {
      file.write(ByteBuffer.wrap("{}".getBytes(UTF_8)));
      name = file.path(); // others can open it by name, e.g. another program
      seenByName = Files.readString(name);
    } // deleted here (delete=true)
    // end example
    assertEquals("{}", seenByName);
    assertEquals(fresh, name.getParent());
    assertFalse(Files.exists(name, NOFOLLOW_LINKS));
  }

  @Test
  void spooledTemporaryFile() throws IOException {
    // example: SpooledTemporaryFile
    boolean inMemory;
    boolean onDisk;
    try (SpooledTempFile spool = TempFiles.spooledTemporaryFile(1024, null, null, null)) {
      spool.write(ByteBuffer.wrap(new byte[1024]));
      inMemory = !spool.rolledOver(); // exactly maxSize bytes still fit
      spool.write(ByteBuffer.wrap(new byte[1]));
      onDisk = spool.rolledOver(); // moved to a temporaryFile before this write
    }
    // end example
    assertTrue(inMemory);
    assertTrue(onDisk);
    assertEquals(Set.of(), Place.names(fresh));
  }

  @Test
  void temporaryDirectory() throws IOException {
    // example: TemporaryDirectory
    Path used;
    try (TempDirectory tmp = TempFiles.temporaryDirectory()) {
      used = tmp.path();
      Files.createDirectories(used.resolve("a/b"));
      Files.writeString(used.resolve("a/b/c.txt"), "x");
    } // removed with everything in it
    // end example
    assertEquals(fresh, used.getParent());
    assertFalse(Files.exists(used, NOFOLLOW_LINKS));
    assertEquals(Set.of(), Place.names(fresh));
  }

  @Test
  void persist() throws IOException {
    Path outputDir = Files.createDirectory(fresh.resolve("out"));
    // example: persist
    Path report = outputDir.resolve("report.csv");
    try (TempFile file = TempFiles.namedTemporaryFile(".csv", null, outputDir, true)) {
      file.write(ByteBuffer.wrap("a,b\n".getBytes(UTF_8)));
      file.persist(report); // FileAlreadyExistsException if report.csv exists
    } // kept: it has its final name now
    // end example
    assertEquals("a,b\n", Files.readString(report));
    assertEquals(Set.of("report.csv"), Place.names(outputDir));
    assertEquals(Place.FILE_MODE, Place.modeOf(report));
    try (TempFile again = TempFiles.mkstemp(null, null, outputDir)) {
      assertThrows(FileAlreadyExistsException.class, () -> again.persist(report));
      Files.delete(again.path());
    }
    assertEquals("a,b\n", Files.readString(report));
  }

  @Test
  void insideAScratchFileSystem() throws IOException {
    // example: scratch
    try (FileSystem scratch = TmpFileSystems.newFileSystem()) { // made in gettempdir()
      Path kept = TempFiles.mkdtemp(null, null, scratch.getPath("/"));
      Files.writeString(kept.resolve("left.txt"), "not deleted by hand");
    } // the scratch file system's close removes it
    // end example
    assertEquals(Set.of(), Place.names(fresh));
  }

  // The README shows exactly these examples: dev.scratchfs.recipes.ReadmeExamplesTest checks it.

  @Test
  void everyExampleIsInTheReadme() throws IOException {
    String doc = Files.readString(projectRoot().resolve("README.md"));
    for (String name : REQUIRED) {
      assertTrue(doc.contains("<!-- example: " + name + " -->"), "no example " + name);
    }
  }

  /** The directory holding README.md: Maven runs the tests in {@code provider-tests}. */
  private static Path projectRoot() {
    return dev.scratchfs.recipes.ReadmeExamplesTest.projectRoot();
  }

  @Test
  void everyTableRowNamesItsJavaCall() throws IOException {
    String doc = Files.readString(projectRoot().resolve("README.md"));
    for (String call :
        List.of(
            "TempFiles.gettempdir()", "TempFiles.gettempprefix()", "TempFiles.settempdir(",
            "TempFiles.mkstemp(", "TempFiles.mkdtemp(", "TempFiles.mktemp(",
            "TempFiles.temporaryFile(", "TempFiles.namedTemporaryFile(",
            "TempFiles.spooledTemporaryFile(", "TempFiles.temporaryDirectory(")) {
      assertTrue(doc.contains("`" + call), "no row for " + call);
    }
  }
}
