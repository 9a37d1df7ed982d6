package dev.scratchfs.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: {@link PathMatchers#of} against the JDK default provider's {@code
 * getPathMatcher} on Linux. Both matchers only look at {@link Path#toString()}, so default file
 * system paths serve as input for both. Each match row also carries the expected answer, so that
 * the table documents the semantics and cannot silently test nothing.
 */
class PathMatchersConformanceTest {

  /** (syntax:pattern, path string, expected match). Strings are Java literals: "\\" is one '\'. */
  static Stream<Arguments> matchTable() {
    return Stream.of(
        // '*' stays within one name; leading dots are not special
        arguments("glob:*.java", "Foo.java", true),
        arguments("glob:*.java", "src/Foo.java", false),
        arguments("glob:*.java", ".java", true),
        arguments("glob:*", "", true),
        arguments("glob:*", ".hidden", true),
        arguments("glob:*", "a/b", false),
        arguments("glob:*/*", "a/b", true),
        arguments("glob:*/*", "a/b/c", false),
        arguments("glob:/home/*/*", "/home/gus/data", true),
        arguments("glob:/home/*/*", "/home/gus", false),
        arguments("glob:*a*", "bab", true),
        arguments("glob:*.*", "noext", false),
        // '**' crosses names
        arguments("glob:/home/**", "/home/gus", true),
        arguments("glob:/home/**", "/home/gus/data", true),
        arguments("glob:/home/**", "/home", false),
        arguments("glob:**/*.java", "src/main/Foo.java", true),
        arguments("glob:**/*.java", "Foo.java", false),
        arguments("glob:**.java", "src/Foo.java", true),
        arguments("glob:**", "", true),
        arguments("glob:**", "/", true),
        arguments("glob:a/**/b", "a/b", false),
        arguments("glob:a/**/b", "a/x/y/b", true),
        arguments("glob:***", "a/b", true),
        // '?' is one character (one code point) other than '/'
        arguments("glob:foo.?", "foo.c", true),
        arguments("glob:foo.?", "foo.cc", false),
        arguments("glob:foo.?", "foo.", false),
        arguments("glob:?", "/", false),
        arguments("glob:a?b", "a/b", false),
        arguments("glob:?", "\uD83D\uDE00", true),
        arguments("glob:??", "\uD83D\uDE00", false),
        // bracket expressions
        arguments("glob:[abc]", "b", true),
        arguments("glob:[abc]", "d", false),
        arguments("glob:[a-z]x", "qx", true),
        arguments("glob:[a-z]", "Q", false),
        arguments("glob:[abce-g]", "f", true),
        arguments("glob:[abce-g]", "d", false),
        arguments("glob:[a-a]", "a", true),
        arguments("glob:[!a-c]", "d", true),
        arguments("glob:[!a-c]", "b", false),
        arguments("glob:[!a]", "/", false),
        arguments("glob:a[!b]c", "a/c", false),
        arguments("glob:[ -~]", "/", false),
        arguments("glob:[-a]", "-", true),
        arguments("glob:[!-a]", "-", false),
        arguments("glob:[!-a]", "b", true),
        arguments("glob:[a-]", "-", true),
        arguments("glob:[*?\\]", "*", true),
        arguments("glob:[*?\\]", "\\", true),
        arguments("glob:[*?\\]", "x", false),
        arguments("glob:[^a]", "^", true),
        arguments("glob:[^a]", "b", false),
        arguments("glob:[a^]", "^", true),
        arguments("glob:[!^]", "^", false),
        arguments("glob:[!!]", "x", true),
        arguments("glob:[[]", "[", true),
        arguments("glob:[{},]", "}", true),
        arguments("glob:[a&&b]", "&", true),
        arguments("glob:[a&&b]", "b", true),
        arguments("glob:[.]", "x", false),
        arguments("glob:[!.]", "x", true),
        arguments("glob:a]b", "a]b", true),
        // groups
        arguments("glob:*.{java,class}", "Foo.class", true),
        arguments("glob:*.{java,class}", "Foo.c", false),
        arguments("glob:{foo,bar}/*", "bar/x", true),
        arguments("glob:{a/b,c}", "a/b", true),
        arguments("glob:{a*,b?}", "axyz", true),
        arguments("glob:{a*,b?}", "bxy", false),
        arguments("glob:{a*,b?}", "a/x", false),
        arguments("glob:{**,x}", "a/b", true),
        arguments("glob:{[ab],c}", "b", true),
        arguments("glob:x{}", "x", true),
        arguments("glob:{,x}y", "y", true),
        arguments("glob:{a,b}{c,d}", "bc", true),
        arguments("glob:a}", "a}", true),
        arguments("glob:a,b", "a,b", true),
        // escapes
        arguments("glob:\\*", "*", true),
        arguments("glob:\\*", "a", false),
        arguments("glob:\\\\", "\\", true),
        arguments("glob:\\{a\\,b\\}", "{a,b}", true),
        arguments("glob:{a\\,b,c}", "a,b", true),
        arguments("glob:{a\\,b,c}", "a", false),
        arguments("glob:\\a", "a", true),
        arguments("glob:\\[a]", "[a]", true),
        arguments("glob:a\\/b", "a/b", true),
        arguments("glob:\\?", "x", false),
        // regex metacharacters are literal in a glob
        arguments("glob:a.b", "axb", false),
        arguments("glob:a+b", "a+b", true),
        arguments("glob:(a|b)", "(a|b)", true),
        arguments("glob:(a|b)", "a", false),
        arguments("glob:$^", "$^", true),
        arguments("glob:/", "/", true),
        arguments("glob:", "", true),
        arguments("glob:", "a", false),
        arguments("glob:a:b", "a:b", true),
        // case: names are case-sensitive, the syntax name is not
        arguments("glob:*.JAVA", "a.java", false),
        arguments("GLOB:*.txt", "a.txt", true),
        arguments("Glob:*.txt", "a/b.txt", false),
        // regex syntax: whole-string match, '/' not special
        arguments("regex:.*\\.java", "src/Foo.java", true),
        arguments("regex:[a-z]+", "abc", true),
        arguments("regex:[a-z]+", "a/b", false),
        arguments("regex:a.b", "a/b", true),
        arguments("regex:foo", "xfoo", false),
        arguments("regex:a|b", "b", true),
        arguments("regex:(?i)abc", "ABC", true),
        arguments("regex:abc", "ABC", false),
        arguments("regex:a:b", "a:b", true),
        arguments("regex:", "", true),
        arguments("ReGeX:.*", "x", true));
  }

  /** (syntax:pattern, exception class the JDK throws from getPathMatcher). */
  static Stream<Arguments> malformedTable() {
    Class<PatternSyntaxException> pse = PatternSyntaxException.class;
    return Stream.of(
        arguments("glob:[a", pse),
        arguments("glob:[", pse),
        arguments("glob:[!", pse),
        arguments("glob:[a-", pse),
        arguments("glob:[]", pse),
        arguments("glob:[!]", pse),
        arguments("glob:[]a]", pse),
        arguments("glob:[a/b]", pse),
        arguments("glob:[!/]", pse),
        arguments("glob:[z-a]", pse),
        arguments("glob:[--]", pse),
        arguments("glob:[a-c-e]", pse),
        arguments("glob:[^-a]", pse),
        arguments("glob:[A-\\]", pse),
        arguments("glob:[A-[]", pse),
        arguments("glob:{a,{b}}", pse),
        arguments("glob:{{a}}", pse),
        arguments("glob:{a", pse),
        arguments("glob:{", pse),
        arguments("glob:\\", pse),
        arguments("glob:a\\", pse),
        arguments("glob:{a,\\", pse),
        arguments("regex:[", pse),
        arguments("regex:(", pse),
        arguments("regex:*", pse),
        arguments("", IllegalArgumentException.class),
        arguments("*.java", IllegalArgumentException.class),
        arguments(":*.java", IllegalArgumentException.class),
        arguments("foo:x", UnsupportedOperationException.class),
        arguments("globs:x", UnsupportedOperationException.class),
        arguments(" glob:x", UnsupportedOperationException.class));
  }

  @ParameterizedTest(name = "[{index}] {0} ~ \"{1}\" -> {2}")
  @MethodSource("matchTable")
  void matchesLikeTheJdk(String syntaxAndPattern, String path, boolean expected) {
    Path input = Path.of(path);
    boolean jdk = jdkMatcher(syntaxAndPattern).matches(input);
    assertEquals(expected, jdk, "table row disagrees with the JDK itself");
    assertEquals(jdk, PathMatchers.of(syntaxAndPattern).matches(input));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("malformedTable")
  void rejectsLikeTheJdk(String syntaxAndPattern, Class<? extends Throwable> expected) {
    Throwable jdk = assertThrows(Throwable.class, () -> jdkMatcher(syntaxAndPattern));
    assertEquals(expected, jdk.getClass(), "table row disagrees with the JDK itself");
    Throwable ours = assertThrows(Throwable.class, () -> PathMatchers.of(syntaxAndPattern));
    assertEquals(jdk.getClass(), ours.getClass(), () -> "ours: " + ours);
    if (jdk instanceof UnsupportedOperationException) {
      assertEquals(jdk.getMessage(), ours.getMessage());
    }
  }

  @Test
  void nullIsRejectedLikeTheJdk() {
    assertThrows(NullPointerException.class, () -> jdkMatcher(null));
    assertThrows(NullPointerException.class, () -> PathMatchers.of(null));
    assertThrows(NullPointerException.class, () -> Globs.toRegex(null));
  }

  /**
   * Seeded random globs over an alphabet dense in metacharacters, each tried against random paths:
   * catches corner cases (odd bracket contents, escapes at group borders) the table does not list.
   */
  @Test
  void randomGlobsAgreeWithTheJdk() {
    String globChars = "ab/*?[]{},\\!-^&.$|()+";
    String pathChars = "ab/.-^[]{},\\*?&";
    Random random = new Random(20240611L);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 5_000 && failures.size() < 10; i++) {
      String glob = "glob:" + randomString(random, globChars, 8);
      for (int j = 0; j < 20; j++) {
        Path path = Path.of(randomString(random, pathChars, 6));
        Object jdk = outcome(glob, path, PathMatchersConformanceTest::jdkMatcher);
        Object ours = outcome(glob, path, PathMatchers::of);
        if (!jdk.equals(ours)) {
          failures.add(glob + " ~ \"" + path + "\": jdk " + jdk + ", ours " + ours);
        }
      }
    }
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  private static PathMatcher jdkMatcher(String syntaxAndPattern) {
    return FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
  }

  /** The match result, or the class of the exception thrown while building the matcher. */
  private static Object outcome(String glob, Path path, Function<String, PathMatcher> factory) {
    try {
      return factory.apply(glob).matches(path);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static String randomString(Random random, String alphabet, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
