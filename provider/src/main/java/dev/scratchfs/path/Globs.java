package dev.scratchfs.path;

import java.util.Objects;
import java.util.regex.PatternSyntaxException;

/**
 * Translates Unix glob patterns, as described for {@link java.nio.file.FileSystem#getPathMatcher},
 * into {@link java.util.regex.Pattern} syntax.
 *
 * <p>The translation is meant to be indistinguishable from the one the JDK's default provider uses
 * on Linux: a pattern produced here matches exactly the strings the JDK's matcher matches, and a
 * glob the JDK rejects is rejected here with a {@link PatternSyntaxException} as well (either while
 * translating or when the returned string is compiled). That includes the JDK's corner cases, which
 * are kept on purpose and marked as such below, because callers of a {@code tmp:} file system must
 * see the same matcher behaviour they would see on the default one.
 *
 * <p>The glob language:
 *
 * <ul>
 *   <li>{@code *} matches zero or more characters within one name ({@code /} is never matched);
 *   <li>{@code **} matches zero or more characters across names;
 *   <li>{@code ?} matches exactly one character other than {@code /};
 *   <li>{@code [...]} matches one character other than {@code /} from a set; {@code !} first
 *       negates the set, {@code a-z} is a range, {@code -} is literal first (or right after
 *       {@code !}) and last; inside brackets {@code *}, {@code ?} and {@code \} stand for
 *       themselves; an explicit {@code /} inside brackets is an error;
 *   <li>{@code {a,b,c}} matches any of the comma separated sub-patterns; groups do not nest;
 *   <li>{@code \} makes the next character literal; a trailing {@code \} is an error;
 *   <li>every other character, including {@code /}, matches itself.
 * </ul>
 */
public final class Globs {
  /**
   * Characters that must be quoted to stand for themselves in a regex outside a character class.
   * {@code '}'} and {@code ','} are absent on purpose: outside a bounded repeat they are literal.
   */
  private static final String QUOTED_OUTSIDE_CLASS = ".^$+{[]|()\\*?";

  /** Regex for "any one character that is not a name separator". */
  private static final String ONE_IN_NAME = "[^/]";

  private Globs() {}

  /**
   * Returns a {@link java.util.regex.Pattern} string that matches exactly the path strings the
   * glob matches. The result is anchored ({@code ^...$}) and uses no flags; it is meant for
   * {@link java.util.regex.Matcher#matches()} on {@link java.nio.file.Path#toString()}.
   *
   * <p>Some malformed globs (for example {@code []} or {@code [!]}) are, as in the JDK, only
   * detected when the returned string is compiled; {@link PathMatchers#of} always compiles.
   *
   * @param glob a Unix glob pattern, without a {@code glob:} prefix
   * @return the equivalent regular expression
   * @throws PatternSyntaxException if the glob ends in an unescaped {@code \}, has an unclosed
   *     bracket expression, a {@code /} or a misplaced or descending range inside brackets, a
   *     nested group or an unclosed group
   * @throws NullPointerException if {@code glob} is null
   */
  public static String toRegex(String glob) {
    return new Translation(Objects.requireNonNull(glob, "glob")).run();
  }

  /** One left-to-right pass over a glob; not reusable. */
  private static final class Translation {
    private final String glob;
    private final StringBuilder regex = new StringBuilder();
    private int pos;
    private boolean inGroup;

    Translation(String glob) {
      this.glob = glob;
    }

    String run() {
      regex.append('^');
      while (pos < glob.length()) {
        char c = glob.charAt(pos++);
        switch (c) {
          case '\\' -> escaped();
          case '*' -> star();
          case '?' -> regex.append(ONE_IN_NAME);
          case '[' -> bracket();
          case '{' -> openGroup();
          case '}' -> {
            if (inGroup) {
              regex.append("))");
              inGroup = false;
            } else {
              literal(c);
            }
          }
          case ',' -> {
            if (inGroup) {
              regex.append(")|(?:");
            } else {
              literal(c);
            }
          }
          default -> literal(c);
        }
      }
      if (inGroup) {
        throw error("Missing '}'", pos - 1);
      }
      return regex.append('$').toString();
    }

    private void escaped() {
      if (pos == glob.length()) {
        throw error("No character to escape", pos - 1);
      }
      literal(glob.charAt(pos++));
    }

    private void star() {
      if (peekIs('*')) {
        pos++;
        regex.append(".*");
      } else {
        regex.append(ONE_IN_NAME).append('*');
      }
    }

    private void openGroup() {
      if (inGroup) {
        throw error("Cannot nest groups", pos - 1);
      }
      // Each alternative gets its own group so that ',' can close one and open the next.
      regex.append("(?:(?:");
      inGroup = true;
    }

    /**
     * Translates a bracket expression; {@code pos} is just past the {@code [}. The set is emitted as
     * the intersection {@code [[^/]&&[...]]}, so that neither a negated set nor a range spanning
     * {@code '/'} can match a name separator.
     */
    private void bracket() {
      regex.append("[[^/]&&[");
      if (peekIs('^')) {
        // A leading '^' is a literal in a glob but negation in a regex. Like the JDK, the
        // '!' and leading '-' rules are then not applied, so "[^-x]" is an invalid range.
        regex.append("\\^");
        pos++;
      } else {
        if (peekIs('!')) {
          regex.append('^');
          pos++;
        }
        if (peekIs('-')) {
          regex.append('-');
          pos++;
        }
      }
      boolean rangeMayStart = false;
      char rangeStart = 0;
      while (pos < glob.length()) {
        char c = glob.charAt(pos++);
        if (c == ']') {
          // Closing right away ("[]", "[!]") leaves an empty set that the JDK passes through to
          // the regex compiler, which then reports an unclosed class; keep that behaviour.
          regex.append("]]");
          return;
        }
        if (c == '/') {
          throw error("Explicit 'name separator' in class", pos - 1);
        }
        if (c == '-') {
          if (!rangeMayStart) {
            throw error("Invalid range", pos - 1);
          }
          regex.append('-');
          if (pos == glob.length()) {
            break;
          }
          char end = glob.charAt(pos++);
          if (end == ']') {
            // A '-' right before the ']' is literal, as in a regex.
            regex.append("]]");
            return;
          }
          if (end < rangeStart) {
            throw error("Invalid range", pos - 3);
          }
          // The range end is emitted unquoted, as the JDK does: an end of '\' or '[' therefore
          // changes how the regex compiler reads the rest, and such globs fail to compile there.
          regex.append(end);
          rangeMayStart = false;
        } else {
          classMember(c);
          rangeMayStart = true;
          rangeStart = c;
        }
      }
      throw error("Missing ']'", pos - 1);
    }

    /** Appends one set member; glob sets have no escapes, so '\' is an ordinary member. */
    private void classMember(char c) {
      // '\' and '[' are special inside regex classes, and "&&" would start an intersection.
      if (c == '\\' || c == '[' || (c == '&' && peekIs('&'))) {
        regex.append('\\');
      }
      regex.append(c);
    }

    private void literal(char c) {
      if (QUOTED_OUTSIDE_CLASS.indexOf(c) >= 0) {
        regex.append('\\');
      }
      regex.append(c);
    }

    private boolean peekIs(char c) {
      return pos < glob.length() && glob.charAt(pos) == c;
    }

    private PatternSyntaxException error(String description, int index) {
      return new PatternSyntaxException(description, glob, index);
    }
  }
}
