package dev.scratchfs.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PathSyntax}: strings parse as the default provider parses them on Unix, row by row. */
class PathSyntaxTest {
  @ParameterizedTest(name = "\"{0}\" parses as \"{1}\"")
  @CsvSource(
      value = {"'',''", "/,/", "//,/", "a//b,a/b", "a/,a", "/a/b/,/a/b", "///a///b///,/a/b",
          "./a/../b,./a/../b", "a b/ c,a b/ c"},
      emptyValue = "")
  void parsesAsTheDefaultProvider(String input, String expected) {
    assertEquals(expected, PathSyntax.parse(input));
    assertEquals(Path.of(input).toString(), PathSyntax.parse(input), "the default provider agrees");
  }

  @Test
  void aNormalStringIsReturnedAsItIs() {
    String normal = "/a/b";
    assertSame(normal, PathSyntax.parse(normal));
  }

  @Test
  void nulIsRefusedWithTheInputNamed() {
    InvalidPathException e = assertThrows(InvalidPathException.class, () -> PathSyntax.parse("a\0b"));
    assertEquals("a\0b", e.getInput());
    assertThrows(InvalidPathException.class, () -> PathSyntax.parse("a//\0"));
  }

  @ParameterizedTest(name = "join {0}")
  @CsvSource(value = {"a|b|c;a/b/c", "/|a;/a", "''|a|'';a", "a/|/b;a/b"}, delimiter = ';')
  void joinsLikeGetPath(String parts, String expected) {
    String[] p = parts.split("\\|", -1);
    for (int i = 0; i < p.length; i++) {
      p[i] = p[i].equals("''") ? "" : p[i];
    }
    String[] more = java.util.Arrays.copyOfRange(p, 1, p.length);
    assertEquals(expected, PathSyntax.join(p[0], more));
    assertEquals(Path.of(p[0], more).toString(), PathSyntax.join(p[0], more));
  }

  @Test
  void offsetsStartEachName() {
    assertArrayEquals(new int[] {0}, PathSyntax.offsets(""));
    assertArrayEquals(new int[0], PathSyntax.offsets("/"));
    assertArrayEquals(new int[] {1, 3}, PathSyntax.offsets("/a/bc"));
    assertArrayEquals(new int[] {0, 3}, PathSyntax.offsets("ab/c"));
  }

  @Test
  void namesOfAForeignRelativePathJoinWithSlashes() throws Exception {
    try (var windows = com.google.common.jimfs.Jimfs.newFileSystem(
        com.google.common.jimfs.Configuration.windows())) {
      assertEquals("a/b/c", PathSyntax.ofNames(windows.getPath("a\\b\\c")));
      assertEquals("", PathSyntax.ofNames(windows.getPath("")));
    }
  }
}
