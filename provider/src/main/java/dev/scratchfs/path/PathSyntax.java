package dev.scratchfs.path;

import java.nio.file.InvalidPathException;

/**
 * The syntax of Unix path strings, as the JDK's default provider parses them on Linux: {@code /}
 * is the only separator, repeated separators collapse, a trailing separator is dropped, NUL is
 * refused, and the empty string is the empty path (one empty name).
 *
 * <p>Only syntax: what a string's names are. What paths mean relative to each other is {@link
 * UnixPath}'s algebra; what they name on disk is {@link PathMapping}'s.
 */
public final class PathSyntax {
  private static final int[] NO_OFFSETS = new int[0];
  private static final int[] EMPTY_PATH_OFFSETS = {0};

  private PathSyntax() {}

  /**
   * Returns the normalized form of a path string: separators collapsed, trailing one dropped.
   * Returns {@code input} itself when it is already normal, which is the common case.
   *
   * @param input the path string
   * @return the normalized string
   * @throws InvalidPathException if {@code input} contains NUL
   * @throws NullPointerException if {@code input} is null
   */
  public static String parse(String input) {
    int n = input.length();
    char prev = 0;
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if (c == '/' && prev == '/') {
        return collapse(input, n, i - 1);
      }
      checkNotNul(input, c);
      prev = c;
    }
    if (prev == '/' && n > 1) {
      return collapse(input, n, n - 1);
    }
    return input;
  }

  /**
   * Joins parts as {@code FileSystem.getPath(first, more)} does: empty parts are skipped.
   *
   * @param first the first part
   * @param more further parts
   * @return the normalized path string
   * @throws InvalidPathException if a part contains NUL
   * @throws NullPointerException if a part is null
   */
  public static String join(String first, String... more) {
    if (more.length == 0) {
      return parse(first);
    }
    StringBuilder sb = new StringBuilder(first);
    for (String segment : more) {
      if (!segment.isEmpty()) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(segment);
      }
    }
    return parse(sb.toString());
  }

  /**
   * Returns the path string with the names of a relative path of any provider, so that it means
   * what its string would mean here.
   *
   * @param relative a relative path
   * @return the normalized path string of its names
   * @throws InvalidPathException if a name contains NUL
   */
  public static String ofNames(java.nio.file.Path relative) {
    StringBuilder sb = new StringBuilder();
    for (java.nio.file.Path name : relative) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name);
    }
    return parse(sb.toString());
  }

  /**
   * Returns the string of a path resolved with a path string, as {@code resolve(String)} of the
   * default provider makes it: {@code other} if it is absolute, else the two joined.
   *
   * @param base a normalized path string
   * @param other the path string to resolve against it
   * @return the normalized result; {@code base} itself if {@code other} is empty
   * @throws InvalidPathException if {@code other} contains NUL
   */
  public static String resolve(String base, String other) {
    String o = parse(other);
    if (o.isEmpty()) {
      return base;
    }
    if (o.charAt(0) == '/' || base.isEmpty()) {
      return o;
    }
    return base.equals("/") ? "/" + o : base + "/" + o;
  }

  /**
   * Tells whether a string is exactly one name that means itself: not empty, not {@code .} or
   * {@code ..}, without {@code /} or NUL. Such a name resolved against a path adds that one name
   * and changes nothing else, however the path is normalized.
   *
   * @param s a string, not null
   * @return true if {@code s} is a plain name
   */
  public static boolean isPlainName(String s) {
    int n = s.length();
    if (n == 0 || n <= 2 && s.charAt(0) == '.' && (n == 1 || s.charAt(1) == '.')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\u0000') {
        return false;
      }
    }
    return true;
  }

  private static void checkNotNul(String input, char c) {
    if (c == '\u0000') {
      throw new InvalidPathException(input, "Nul character not allowed");
    }
  }

  private static String collapse(String input, int len, int off) {
    int n = len;
    while (n > 0 && input.charAt(n - 1) == '/') {
      n--;
    }
    if (n == 0) {
      return "/";
    }
    StringBuilder sb = new StringBuilder(input.length());
    if (off > 0) {
      sb.append(input, 0, off);
    }
    char prev = 0;
    for (int i = off; i < n; i++) {
      char c = input.charAt(i);
      if (c == '/' && prev == '/') {
        continue;
      }
      checkNotNul(input, c);
      sb.append(c);
      prev = c;
    }
    return sb.toString();
  }

  /**
   * Returns where each name of a normalized path string starts.
   *
   * @param path a normalized path string
   * @return the start offsets; {@code {0}} for the empty path, none for {@code /}
   */
  public static int[] offsets(String path) {
    if (path.isEmpty()) {
      return EMPTY_PATH_OFFSETS.clone();
    }
    int count = 0;
    int n = path.length();
    int index = 0;
    while (index < n) {
      if (path.charAt(index++) != '/') {
        count++;
        while (index < n && path.charAt(index) != '/') {
          index++;
        }
      }
    }
    if (count == 0) {
      return NO_OFFSETS;
    }
    int[] result = new int[count];
    count = 0;
    index = 0;
    while (index < n) {
      if (path.charAt(index) == '/') {
        index++;
      } else {
        result[count++] = index++;
        while (index < n && path.charAt(index) != '/') {
          index++;
        }
      }
    }
    return result;
  }
}
