package dev.scratchfs.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.common.jimfs.PathNormalization;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PathMapping}, one row per case: names map to exactly one delegate name under the root, or
 * are refused; delegate paths map back only from under the root.
 */
class PathMappingTest {
  private static FileSystem windows;
  private static FileSystem unixJimfs;
  /** A jimfs that shows names case-folded: a listed name is then not the name it was made with. */
  private static FileSystem foldingJimfs;

  @BeforeAll
  static void open() {
    windows = Jimfs.newFileSystem(Configuration.windows());
    unixJimfs = Jimfs.newFileSystem(Configuration.unix());
    foldingJimfs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setNameDisplayNormalization(PathNormalization.CASE_FOLD_ASCII).build());
  }

  @AfterAll
  static void close() throws IOException {
    windows.close();
    unixJimfs.close();
    foldingJimfs.close();
  }

  /** A path of the algebra alone, for the mapping to take. */
  static final class Plain extends UnixPath<Plain> {
    Plain(String s) {
      super(PathSyntax.parse(s));
    }

    @Override
    protected Plain create(String normalizedPath) {
      return new Plain(normalizedPath);
    }

    @Override
    protected Plain self() {
      return this;
    }

    @Override
    protected boolean isSameKind(Path other) {
      return other instanceof Plain;
    }

    @Override
    public FileSystem getFileSystem() {
      return FileSystems.getDefault();
    }

    @Override
    public Plain getRoot() {
      return isAbsolute() ? new Plain("/") : null;
    }

    @Override
    public Plain toAbsolutePath() {
      return isAbsolute() ? this : new Plain("/" + string());
    }

    @Override
    public Path toRealPath(java.nio.file.LinkOption... options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.URI toUri() {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.nio.file.WatchKey register(java.nio.file.WatchService w,
        java.nio.file.WatchEvent.Kind<?>[] e, java.nio.file.WatchEvent.Modifier... m) {
      throw new UnsupportedOperationException();
    }
  }

  private static PathMapping mapping(String delegate) {
    switch (delegate) {
      case "default":
        return new PathMapping(Path.of("/tmp/c/root"), Path.of("/private/tmp/c/root"));
      case "jimfs-unix":
        return new PathMapping(unixJimfs.getPath("/c/root"), unixJimfs.getPath("/c/root"));
      default:
        return new PathMapping(windows.getPath("C:\\c\\root"), windows.getPath("C:\\c\\root"));
    }
  }

  static Stream<Arguments> mapped() {
    return Stream.of(
        Arguments.of("default", "/", "/tmp/c/root"),
        Arguments.of("default", "/a/b", "/tmp/c/root/a/b"),
        Arguments.of("default", "/a\\b", "/tmp/c/root/a\\b"),
        Arguments.of("default", "/ä/中国", "/tmp/c/root/ä/中国"),
        Arguments.of("jimfs-unix", "/a/b", "/c/root/a/b"),
        Arguments.of("jimfs-unix", "/c:x", "/c/root/c:x"),
        Arguments.of("jimfs-windows", "/", "C:\\c\\root"),
        Arguments.of("jimfs-windows", "/a/b", "C:\\c\\root\\a\\b"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("mapped")
  void namesMapToTheSameNamesUnderTheRoot(String delegate, String path, String expected) {
    assertEquals(expected, mapping(delegate).toDelegate(new Plain(path)).toString());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("/..\\..\\..\\outside.txt"),
        Arguments.of("/a\\b"),
        Arguments.of("/c:x"),
        Arguments.of("/C:"),
        Arguments.of("/a/..\\x"),
        Arguments.of("/x:\\y"));
  }

  @ParameterizedTest(name = "over jimfs windows: {0} is refused")
  @MethodSource("refused")
  void namesTheDelegateWouldReadOtherwiseAreRefused(String path) {
    InvalidPathException e =
        assertThrows(InvalidPathException.class, () -> mapping("jimfs-windows").toDelegate(new Plain(path)));
    assertEquals(path, e.getInput());
  }

  @Test
  void relativeMappingRefusesClimbing() throws FileSystemException {
    PathMapping m = mapping("default");
    assertEquals(Path.of("a/b"), m.toDelegateRelative(new Plain("a/b")));
    assertThrows(FileSystemException.class, () -> m.toDelegateRelative(new Plain("a/../b")));
    assertThrows(FileSystemException.class, () -> m.toDelegateRelative(new Plain("..")));
    assertThrows(InvalidPathException.class,
        () -> mapping("jimfs-windows").toDelegateRelative(new Plain("a\\..\\..")));
  }

  static Stream<Arguments> back() {
    return Stream.of(
        Arguments.of("/tmp/c/root", "/"),
        Arguments.of("/tmp/c/root/a/b", "/a/b"),
        Arguments.of("/private/tmp/c/root/a", "/a"),
        Arguments.of("/tmp/c/rootx/a", null),
        Arguments.of("/tmp/c/root/../x", null),
        Arguments.of("/etc/passwd", null));
  }

  @ParameterizedTest(name = "{0} shows as {1}")
  @MethodSource("back")
  void delegatePathsMapBackOnlyFromUnderTheRoot(String delegate, String expected) {
    String shown = mapping("default").fromDelegate(Path.of(delegate));
    if (expected == null) {
      assertNull(shown);
    } else {
      assertEquals(expected, shown);
    }
  }

  static Stream<Arguments> children() {
    return Stream.of(
        Arguments.of("default", "/", "a"),
        Arguments.of("default", "/a/b", "c.txt"),
        Arguments.of("default", "/a", "ä 中"),
        Arguments.of("default", "/a", "x\\y"),
        Arguments.of("jimfs-unix", "/a/b", "c"),
        Arguments.of("jimfs-unix", "/", "c:x"));
  }

  @ParameterizedTest(name = "{0}: {1} + {2}")
  @MethodSource("children")
  void aChildMapsFromItsParentsDelegateAsItsWholePathWould(
      String delegate, String parent, String name) {
    PathMapping m = mapping(delegate);
    Path parentDelegate = m.toDelegate(new Plain(parent));
    Plain child = new Plain(parent).resolve(name);
    assertEquals(m.toDelegate(child), m.toDelegateChild(parentDelegate, name));
  }

  @Test
  void noChildShortcutWhereNamesDoNotComposeAsStrings() {
    PathMapping m = mapping("jimfs-windows");
    assertNull(m.toDelegateChild(m.delegateRoot(), "a"), "names checked one by one there");
    PathMapping d = mapping("default");
    assertNull(d.toDelegateChild(d.delegateRoot(), "bad\uD800"), "mapped whole, failing whole");
  }

  @Test
  void aListedEntryIsTheMappingOnlyForAsciiNamesThatParseBackToIt() {
    Path entry = Path.of("/tmp/c/root/d/whatever");
    PathMapping m = mapping("default");
    for (String listed : List.of("/d/a.txt", "d/B", "/d/.x", "/d/...", "x", "/d/a b")) {
      assertSame(entry, m.listedEntry(entry, listed), listed);
    }
    for (String listed : List.of("/d/ä", "/d/x\uFFFDy", "/d/.", "/d/..", "/d/", "")) {
      assertNull(m.listedEntry(entry, listed), listed);
    }
    Path jimfsEntry = unixJimfs.getPath("/c/root/d/a");
    assertSame(jimfsEntry, mapping("jimfs-unix").listedEntry(jimfsEntry, "/d/a"));
    assertNull(mapping("jimfs-windows").listedEntry(windows.getPath("C:\\c\\root\\a"), "/a"));
    PathMapping folding =
        new PathMapping(foldingJimfs.getPath("/c/root"), foldingJimfs.getPath("/c/root"));
    assertNull(folding.listedEntry(foldingJimfs.getPath("/c/root/a"), "/a"));
  }

  @Test
  void theRealRootIsLearnedOnFirstNeedAndOnlyOnceKnown() {
    AtomicInteger asked = new AtomicInteger();
    Path real = Path.of("/private/tmp/c/root");
    PathMapping unknownYet = new PathMapping(Path.of("/tmp/c/root"), () -> {
      asked.incrementAndGet();
      return null;
    });
    assertEquals(0, asked.get(), "not at creation");
    assertEquals("/a", unknownYet.fromDelegate(Path.of("/tmp/c/root/a")));
    assertEquals(0, asked.get(), "not for paths under the root as named");
    assertNull(unknownYet.fromDelegate(real.resolve("a")), "unknown: stands for the root itself");
    assertEquals(Path.of("/tmp/c/root"), unknownYet.realRoot());
    assertEquals(2, asked.get(), "asked again while unknown");
    PathMapping known = new PathMapping(Path.of("/tmp/c/root"), () -> {
      asked.incrementAndGet();
      return real;
    });
    assertEquals("/a", known.fromDelegate(real.resolve("a")));
    assertEquals(real, known.realRoot());
    assertEquals(3, asked.get(), "remembered once known");
  }

  @Test
  void exceptionStringsNameScratchPaths() {
    PathMapping m = mapping("default");
    assertEquals("/a", m.toScratchString("/tmp/c/root/a"));
    assertEquals("/", m.toScratchString("/tmp/c/root"));
    assertEquals("/tmp/c/rootx", m.toScratchString("/tmp/c/rootx"));
    assertEquals("relative", m.toScratchString("relative"));
    assertNull(m.toScratchString(null));
    assertEquals("/a/b", mapping("jimfs-windows").toScratchString("C:\\c\\root\\a\\b"));
  }
}
