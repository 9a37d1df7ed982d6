package dev.scratchfs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of the path algebra: every unary operation on each path string, and every
 * binary operation on each pair of path strings, must give the same string (or the same exception
 * class) on a tmp: file system as on the JDK's default provider. No file is touched; {@code
 * toAbsolutePath} is compared with the default provider's resolution against {@code /}, the working
 * directory of a tmp: file system.
 */
class PathAlgebraConformanceTest {
  @TempDir static Path dir;
  private static FileSystem tmp;
  private static final FileSystem DEFAULT = FileSystems.getDefault();

  @BeforeAll
  static void open() throws IOException {
    tmp = TmpFileSystems.builder().dir(dir).build();
  }

  @AfterAll
  static void close() throws IOException {
    tmp.close();
  }

  /** Hand-picked edge cases. */
  private static final List<String> EDGE_CASES =
      List.of(
          "", "/", "//", "///", ".", "..", "...", "./", "../", "/.", "/..", "/./", "/../", "a",
          "a/", "a//", "/a", "//a", "/a/", "a/b", "a//b", "a///b/", "/a/b", "/a/b/", "a/b/c",
          "/a/b/c", "a/./b", "a/../b", "a/b/..", "a/b/../..", "a/b/../../..", "../a", "../../a",
          "/../a", "/a/../..", "./a", "././a", "a/.", "a/..", "..a", "a..", ".a", "a.", ". .",
          " ", "a b", "/ ", "a/ /b", "\\", "a\\b", "/a\\b/", "é", "/日本/語", "a:b", "~", "~/x",
          "*", "a*b", "?", "[a]", "{a,b}", "a/b/c/d/e/f", "../../..", "/../../x", "x/y/../../..",
          ".../...", "a/.../b", "a/b/./../c/", "/a/./b/../c/.", "ab", "abc", "a/bc", "ab/c", "b/a");

  private static final List<String> NAMES = List.of("", "a", "b", ".", "..", "...");

  /** The edge cases plus combinations drawn with a fixed seed, several hundred in all. */
  static List<String> paths() {
    Set<String> all = new LinkedHashSet<>(EDGE_CASES);
    Random random = new Random(20240601L);
    while (all.size() < 330) {
      StringBuilder sb = new StringBuilder();
      if (random.nextInt(3) == 0) {
        sb.append(random.nextBoolean() ? "/" : "//");
      }
      int names = random.nextInt(5);
      for (int i = 0; i < names; i++) {
        if (i > 0) {
          sb.append(random.nextInt(4) == 0 ? "//" : "/");
        }
        sb.append(NAMES.get(random.nextInt(NAMES.size())));
      }
      if (random.nextInt(4) == 0) {
        sb.append('/');
      }
      all.add(sb.toString());
    }
    return new ArrayList<>(all);
  }

  private static String run(Supplier<Object> op) {
    try {
      Object r = op.get();
      return String.valueOf(r);
    } catch (RuntimeException e) {
      return "!" + e.getClass().getSimpleName();
    }
  }

  private static String sign(int i) {
    return Integer.toString(Integer.signum(i));
  }

  /** Every unary operation on {@code x}, as text. */
  static String unary(FileSystem fs, String s, Function<Path, Path> absolute) {
    StringBuilder out = new StringBuilder();
    Path x;
    try {
      x = fs.getPath(s);
    } catch (RuntimeException e) {
      return "parse !" + e.getClass().getSimpleName();
    }
    out.append("toString ").append(x).append('\n');
    out.append("fileName ").append(run(x::getFileName)).append('\n');
    out.append("parent ").append(run(x::getParent)).append('\n');
    out.append("root ").append(run(x::getRoot)).append('\n');
    out.append("count ").append(x.getNameCount()).append('\n');
    out.append("absolute ").append(x.isAbsolute()).append('\n');
    out.append("normalize ").append(run(x::normalize)).append('\n');
    out.append("normalizeCount ").append(x.normalize().getNameCount()).append('\n');
    out.append("toAbsolute ").append(run(() -> absolute.apply(x))).append('\n');
    List<String> names = new ArrayList<>();
    x.iterator().forEachRemaining(p -> names.add(p + ":" + p.getNameCount()));
    out.append("iterator ").append(names).append('\n');
    int n = x.getNameCount();
    for (int i = -1; i <= n; i++) {
      int index = i;
      out.append("name ").append(i).append(' ').append(run(() -> x.getName(index))).append('\n');
      for (int j = -1; j <= n + 1; j++) {
        int end = j;
        out.append("subpath ").append(i).append(',').append(j).append(' ')
            .append(run(() -> x.subpath(index, end))).append('\n');
      }
    }
    Path reparsed = fs.getPath(x.toString());
    out.append("reparsedEquals ").append(reparsed.equals(x)).append('\n');
    out.append("reparsedHash ").append(reparsed.hashCode() == x.hashCode()).append('\n');
    if (s.chars().allMatch(c -> c < 128)) {
      // UnixPath hashes bytes, TmpPath chars: the same numbers for ASCII only
      out.append("hash ").append(x.hashCode()).append('\n');
    }
    out.append("fileNameAbsolute ").append(run(() -> x.getFileName() == null ? null
        : x.getFileName().isAbsolute())).append('\n');
    out.append("parentAbsolute ").append(run(() -> x.getParent() == null ? null
        : x.getParent().isAbsolute())).append('\n');
    return out.toString();
  }

  /** Every binary operation of {@code x} with each of {@code others}, as text. */
  static String binary(FileSystem fs, String xs, List<String> others) {
    Path x;
    try {
      x = fs.getPath(xs);
    } catch (RuntimeException e) {
      return "parse !" + e.getClass().getSimpleName();
    }
    StringBuilder out = new StringBuilder();
    for (String ys : others) {
      out.append("== ").append(ys).append('\n');
      out.append("resolveString ").append(run(() -> x.resolve(ys))).append('\n');
      out.append("resolveSiblingString ").append(run(() -> x.resolveSibling(ys))).append('\n');
      out.append("startsWithString ").append(run(() -> x.startsWith(ys))).append('\n');
      out.append("endsWithString ").append(run(() -> x.endsWith(ys))).append('\n');
      Path y;
      try {
        y = fs.getPath(ys);
      } catch (RuntimeException e) {
        out.append("parse !").append(e.getClass().getSimpleName()).append('\n');
        continue;
      }
      out.append("resolve ").append(run(() -> x.resolve(y))).append('\n');
      out.append("resolveSibling ").append(run(() -> x.resolveSibling(y))).append('\n');
      out.append("relativize ").append(run(() -> x.relativize(y))).append('\n');
      out.append("relativizeBack ").append(run(() -> {
        Path r = x.relativize(y);
        return x.resolve(r).normalize();
      })).append('\n');
      out.append("startsWith ").append(x.startsWith(y)).append('\n');
      out.append("endsWith ").append(x.endsWith(y)).append('\n');
      out.append("equals ").append(x.equals(y)).append('\n');
      out.append("compareTo ").append(sign(x.compareTo(y))).append('\n');
      out.append("hashConsistent ")
          .append(!x.equals(y) || x.hashCode() == y.hashCode()).append('\n');
    }
    return out.toString();
  }

  static Stream<String> pathStrings() {
    List<String> all = new ArrayList<>(paths());
    all.add("a\u0000b");
    all.add("/\u0000");
    return all.stream();
  }

  @Test
  void tableHasSeveralHundredPaths() {
    assertTrue(paths().size() >= 300, "only " + paths().size());
  }

  @ParameterizedTest(name = "[{index}] unary \"{0}\"")
  @MethodSource("pathStrings")
  void unaryOperationsMatchTheDefaultProvider(String s) {
    String expected = unary(DEFAULT, s, p -> DEFAULT.getPath("/").resolve(p));
    String actual = unary(tmp, s, Path::toAbsolutePath);
    assertEquals(expected, actual);
  }

  @ParameterizedTest(name = "[{index}] binary \"{0}\" with every path")
  @MethodSource("pathStrings")
  void binaryOperationsMatchTheDefaultProvider(String s) {
    List<String> others = pathStrings().collect(java.util.stream.Collectors.toList());
    assertEquals(binary(DEFAULT, s, others), binary(tmp, s, others));
  }

  static Stream<List<String>> joins() {
    List<String> parts = List.of("", "/", "a", "/a", "a/", "//", "b//c", ".", "..", "/..", "x\u0000");
    List<List<String>> rows = new ArrayList<>();
    for (String first : parts) {
      for (String second : parts) {
        rows.add(List.of(first, second));
        for (String third : List.of("", "c", "/d/", "..")) {
          rows.add(List.of(first, second, third));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "[{index}] getPath {0}")
  @MethodSource("joins")
  void getPathJoinsLikeTheDefaultProvider(List<String> parts) {
    String first = parts.get(0);
    String[] more = parts.subList(1, parts.size()).toArray(new String[0]);
    assertEquals(
        run(() -> DEFAULT.getPath(first, more)).replace("\u0000", "NUL"),
        run(() -> tmp.getPath(first, more)).replace("\u0000", "NUL"));
  }
}
