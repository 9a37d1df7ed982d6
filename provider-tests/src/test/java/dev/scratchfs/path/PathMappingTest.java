package dev.scratchfs.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

  @BeforeAll
  static void open() {
    windows = Jimfs.newFileSystem(Configuration.windows());
    unixJimfs = Jimfs.newFileSystem(Configuration.unix());
  }

  @AfterAll
  static void close() throws IOException {
    windows.close();
    unixJimfs.close();
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
