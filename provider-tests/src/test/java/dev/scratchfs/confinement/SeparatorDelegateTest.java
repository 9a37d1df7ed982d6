package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, class 5: over a delegate whose separator is not {@code /} (jimfs's Windows
 * configuration: {@code \} and also {@code /}), a {@code tmp:} name must map to exactly one
 * delegate name or be refused. A name holding {@code \} is one {@code tmp:} name; today the
 * delegate parses it again, and the {@code ..} it holds come back after {@code tmp:}'s lexical
 * normalization.
 *
 * <p>Layout in jimfs: {@code C:\tmp} holds the container, so {@code ..\..\..} from the root is
 * {@code C:\}, where the decoy file {@code C:\outside.txt} lies. Decision: such names are either
 * refused (any exception) or stay one name; either way nothing at {@code C:\} is read, written,
 * created or deleted.
 */
@Tag("issue10")
class SeparatorDelegateTest {
  private static final String DECOY_TEXT = "DECOY: C:\\outside.txt, outside the tmp: root";

  private FileSystem windows;
  private Path decoyFile;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    windows = Jimfs.newFileSystem(Configuration.windows());
    decoyFile = Files.writeString(windows.getPath("C:\\outside.txt"), DECOY_TEXT);
    Path dir = Files.createDirectories(windows.getPath("C:\\tmp"));
    fs = TmpFileSystems.builder().dir(dir).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
    windows.close();
  }

  private Set<String> namesOnC() throws IOException {
    try (Stream<Path> s = Files.list(windows.getPath("C:\\"))) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private void assertDecoyUntouched(Set<String> before) throws IOException {
    assertEquals(DECOY_TEXT, Files.readString(decoyFile), "the decoy C:\\outside.txt");
    assertEquals(before, namesOnC(), "entries of C:\\");
  }

  /** What reading, writing, creating and deleting through {@code path} reached outside. */
  private List<String> outsideReached(Path path, Path planted) throws IOException {
    List<String> reached = new ArrayList<>();
    try {
      if (Files.readString(path).equals(DECOY_TEXT)) {
        reached.add("read C:\\outside.txt");
      }
    } catch (IOException | InvalidPathException refused) {
      // nothing read
    }
    try {
      Files.writeString(path, "overwritten through tmp:");
    } catch (IOException | InvalidPathException refused) {
      // nothing written
    }
    if (!Files.readString(decoyFile).equals(DECOY_TEXT)) {
      reached.add("overwrote C:\\outside.txt");
      Files.writeString(decoyFile, DECOY_TEXT);
    }
    try {
      Files.createFile(planted);
    } catch (IOException | InvalidPathException refused) {
      // nothing created
    }
    if (Files.exists(windows.getPath("C:\\planted.txt"))) {
      reached.add("created C:\\planted.txt");
      Files.delete(windows.getPath("C:\\planted.txt"));
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException | InvalidPathException refused) {
      // nothing deleted
    }
    if (!Files.exists(decoyFile)) {
      reached.add("deleted C:\\outside.txt");
      Files.writeString(decoyFile, DECOY_TEXT);
    }
    return reached;
  }

  /** {@code /..\..\..\outside.txt}, given as a path string. */
  @Test
  void backslashDotDotNameDoesNotLeaveTheRoot() throws IOException {
    Set<String> before = namesOnC();
    List<String> reached = outsideReached(
        fs.getPath("/..\\..\\..\\outside.txt"), fs.getPath("/..\\..\\..\\planted.txt"));
    assertEquals(List.of(), reached);
    assertDecoyUntouched(before);
  }

  /** The same name, given as a URI ({@code %5C} is {@code \}). */
  @Test
  void backslashDotDotNameInAUriDoesNotLeaveTheRoot() throws IOException {
    Set<String> before = namesOnC();
    String base = fs.getPath("/").toUri().toString();
    List<String> reached = outsideReached(
        Path.of(URI.create(base + "..%5C..%5C..%5Coutside.txt")),
        Path.of(URI.create(base + "..%5C..%5C..%5Cplanted.txt")));
    assertEquals(List.of(), reached);
    assertDecoyUntouched(before);
  }

  /**
   * {@code /a\b} is one name in {@code tmp:}. It is either refused, leaving {@code /a} empty, or
   * it is one entry of {@code /} named {@code a\b}, not the file {@code b} in {@code /a}.
   */
  @Test
  void nameWithBackslashIsOneNameOrRefused() throws IOException {
    Files.createDirectory(fs.getPath("/a"));
    Path odd = fs.getPath("/a\\b");
    boolean created;
    try {
      Files.writeString(odd, "one name");
      created = true;
    } catch (IOException | InvalidPathException refused) {
      created = false;
    }
    try (Stream<Path> inA = Files.list(fs.getPath("/a"))) {
      assertEquals(List.of(), inA.collect(Collectors.toList()), "/a\\b written into /a as /a/b");
    }
    if (created) {
      assertEquals("one name", Files.readString(odd));
      assertFalse(Files.exists(fs.getPath("/a/b"), NOFOLLOW_LINKS));
      try (Stream<Path> top = Files.list(fs.getPath("/"))) {
        assertEquals(Set.of("a", "a\\b"),
            top.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
      }
    }
  }

  /**
   * Red-team finding (class 5 through link targets): a relative link target is one {@code tmp:}
   * name {@code ..\..\..\outside.txt}, so the policy counts no climb; the delegate then reads it as
   * three {@code ..}. The link must be refused or lead nowhere outside.
   */
  @Test
  void linkTargetWithBackslashDotDotDoesNotLeaveTheRoot() throws IOException {
    Set<String> before = namesOnC();
    Path link = fs.getPath("/link");
    try {
      Files.createSymbolicLink(link, fs.getPath("..\\..\\..\\outside.txt"));
    } catch (IOException | InvalidPathException refused) {
      assertFalse(Files.exists(link, NOFOLLOW_LINKS));
    }
    List<String> reached = new ArrayList<>();
    if (Files.exists(link, NOFOLLOW_LINKS)) {
      reached = outsideReached(link, fs.getPath("/planted-unused"));
    }
    assertEquals(List.of(), reached);
    assertDecoyUntouched(before);
  }

  /**
   * Red-team finding (class 5 through temporary-file prefixes): {@code Files.createTempFile} and
   * {@code TempFiles} accept a prefix without {@code /}, so {@code ..\..\..\} passes as part of one
   * {@code tmp:} name. Whatever they do with it, nothing may appear at {@code C:\}.
   */
  @Test
  void tempFilePrefixWithBackslashesStaysInside() throws IOException {
    Set<String> before = namesOnC();
    List<String> made = new ArrayList<>();
    try {
      made.add("Files.createTempFile: "
          + Files.createTempFile(fs.getPath("/"), "..\\..\\..\\", ".txt"));
    } catch (IOException | IllegalArgumentException refused) {
      // fine
    }
    try {
      made.add("Files.createTempDirectory: "
          + Files.createTempDirectory(fs.getPath("/"), "..\\..\\..\\"));
    } catch (IOException | IllegalArgumentException refused) {
      // fine
    }
    try (TempFile t = TempFiles.mkstemp(".txt", "..\\..\\..\\", fs.getPath("/"))) {
      made.add("TempFiles.mkstemp: " + t.path());
    } catch (IOException | IllegalArgumentException refused) {
      // fine
    }
    assertEquals(before, namesOnC(), "entries of C:\\ after making " + made);
    assertDecoyUntouched(before);
  }

  /**
   * Red-team finding: a name the delegate cannot hold (here one with {@code :}, {@code <}, {@code
   * >}, {@code |}, {@code ?}, {@code *} or {@code "}) is refused, but the exception must not name
   * the hidden location of the root ({@code C:\tmp\scratchfs-XXXXXX\root}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"/x:y", "/C:", "/a<b", "/a>b", "/a|b", "/a?b", "/a*b", "/a\"b"})
  void refusedNamesDoNotRevealTheRoot(String name) throws IOException {
    String container = TmpFileSystems.unwrap(fs.getPath("/")).getParent().toString();
    String hidden = TmpFileSystems.unwrap(fs.getPath("/")).getParent().getFileName().toString();
    try {
      Files.writeString(fs.getPath(name), "x");
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString().contains(hidden),
          "the exception for " + name + " names the hidden " + container + ":\n" + trace);
    }
  }

  /**
   * Over jimfs's Unix configuration {@code \} is an ordinary character: {@code /a\b} is one name on
   * both sides, listed and read back as such.
   */
  @Test
  void backslashIsAnOrdinaryCharacterOverAUnixDelegate() throws IOException {
    try (FileSystem unix = Jimfs.newFileSystem(Configuration.unix());
        FileSystem scratch =
            TmpFileSystems.builder().dir(Files.createDirectory(unix.getPath("/tmp"))).build()) {
      Files.createDirectory(scratch.getPath("/a"));
      Files.writeString(scratch.getPath("/a\\b"), "one name");
      Files.writeString(scratch.getPath("/..\\..\\x"), "also one name");
      try (Stream<Path> top = Files.list(scratch.getPath("/"))) {
        assertEquals(Set.of("a", "a\\b", "..\\..\\x"),
            top.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
      }
      try (Stream<Path> onDisk = Files.list(TmpFileSystems.unwrap(scratch.getPath("/")))) {
        assertEquals(Set.of("a", "a\\b", "..\\..\\x"),
            onDisk.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
      }
      assertEquals("one name", Files.readString(scratch.getPath("/a\\b")));
      assertTrue(Files.notExists(unix.getPath("/x")));
    }
  }
}
