package dev.scratchfs.path;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@link PathMatcher} factory for scratchfs, behaving like {@code
 * FileSystems.getDefault().getPathMatcher} on Linux: same syntaxes, same results, same exceptions.
 */
public final class PathMatchers {
  private static final String GLOB_SYNTAX = "glob";
  private static final String REGEX_SYNTAX = "regex";

  private PathMatchers() {}

  /**
   * Returns a matcher for a {@code syntax:pattern} string as specified by {@link
   * java.nio.file.FileSystem#getPathMatcher}. The syntax is {@code glob} (see {@link Globs}) or
   * {@code regex} ({@link Pattern} syntax), compared ignoring case as the JDK does. The pattern
   * is compiled eagerly; the matcher tests the whole of {@link Path#toString()} against it, so it
   * is thread-safe and accepts paths of any provider.
   *
   * @param syntaxAndPattern the syntax, a {@code ':'} and the pattern (which may be empty)
   * @return a matcher for the pattern
   * @throws IllegalArgumentException if there is no {@code ':'} or the syntax before it is empty
   * @throws UnsupportedOperationException if the syntax is neither {@code glob} nor {@code regex}
   * @throws PatternSyntaxException if the pattern is malformed
   * @throws NullPointerException if {@code syntaxAndPattern} is null
   */
  public static PathMatcher of(String syntaxAndPattern) {
    int colon = syntaxAndPattern.indexOf(':');
    if (colon <= 0) {
      // The JDK throws without a message here; callers cannot rely on one either way.
      throw new IllegalArgumentException(
          "Expected 'syntax:pattern' with a non-empty syntax: " + syntaxAndPattern);
    }
    String syntax = syntaxAndPattern.substring(0, colon);
    String pattern = syntaxAndPattern.substring(colon + 1);
    String regex;
    if (syntax.equalsIgnoreCase(GLOB_SYNTAX)) {
      regex = Globs.toRegex(pattern);
    } else if (syntax.equalsIgnoreCase(REGEX_SYNTAX)) {
      regex = pattern;
    } else {
      throw new UnsupportedOperationException("Syntax '" + syntax + "' not recognized");
    }
    // Linux file names are case-sensitive byte strings, so no flags (unlike, e.g., Windows).
    return new RegexPathMatcher(syntaxAndPattern, Pattern.compile(regex));
  }

  /** Named rather than a lambda so that it prints usefully in assertion messages and logs. */
  private static final class RegexPathMatcher implements PathMatcher {
    private final String source;
    private final Pattern pattern;

    RegexPathMatcher(String source, Pattern pattern) {
      this.source = source;
      this.pattern = pattern;
    }

    @Override
    public boolean matches(Path path) {
      return pattern.matcher(path.toString()).matches();
    }

    @Override
    public String toString() {
      return "PathMatcher[" + source + "]";
    }
  }
}
