package dev.scratchfs.path;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.scratchfs.provider.TmpFileSystem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A path of a {@code tmp:} file system.
 *
 * <p>The algebra is the Unix algebra of the JDK's default provider, string for string: {@code /} is
 * the only separator, repeated separators collapse, a trailing separator is dropped, NUL is refused,
 * the empty path has one empty name, and {@code normalize}, {@code resolve} and {@code relativize}
 * give the same results as {@code sun.nio.fs.UnixPath}. The working directory of a scratch file
 * system is its root, so {@code toAbsolutePath()} of {@code a/b} is {@code /a/b}.
 *
 * <p>A path is only a name: everything that touches the disk goes through its file system, which
 * confines it to the scratch root (see {@code PathMapping}).
 */
public final class TmpPath implements Path {
  private static final int[] NO_OFFSETS = new int[0];

  private final TmpFileSystem fs;
  private final String path;
  /** Start of each name; computed lazily (benign race: idempotent). */
  private int[] offsets;
  /** The delegate path this one maps to; computed lazily by the mapping (benign race). */
  private Path delegate;
  private int hash;

  private TmpPath(TmpFileSystem fs, String normalizedPath) {
    this.fs = fs;
    this.path = normalizedPath;
  }

  /**
   * Parses a path string the way the default provider does on Unix.
   *
   * @param fs the owning file system
   * @param input the path string, not null
   * @return the path
   * @throws InvalidPathException if {@code input} contains NUL
   */
  public static TmpPath parse(TmpFileSystem fs, String input) {
    return new TmpPath(fs, normalizeAndCheck(input));
  }

  /**
   * Joins path strings like {@code FileSystem.getPath(first, more)}: empty elements are skipped.
   *
   * @param fs the owning file system
   * @param first the first part
   * @param more further parts
   * @return the path
   * @throws InvalidPathException if any part contains NUL
   */
  public static TmpPath of(TmpFileSystem fs, String first, String... more) {
    checkNotNull(first, "first");
    if (more.length == 0) {
      return parse(fs, first);
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
    return parse(fs, sb.toString());
  }

  private static String normalizeAndCheck(String input) {
    int n = input.length();
    char prev = 0;
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if (c == '/' && prev == '/') {
        return normalize(input, n, i - 1);
      }
      checkNotNul(input, c);
      prev = c;
    }
    if (prev == '/' && n > 1) {
      return normalize(input, n, n - 1);
    }
    return input;
  }

  private static void checkNotNul(String input, char c) {
    if (c == '\u0000') {
      throw new InvalidPathException(input, "Nul character not allowed");
    }
  }

  private static String normalize(String input, int len, int off) {
    if (len == 0) {
      return input;
    }
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
   * Returns the path string, exactly as {@link #toString()}.
   *
   * @return the normalized path string
   */
  public String string() {
    return path;
  }

  /**
   * Returns the delegate path cached by the mapping, or null.
   *
   * @return the cached delegate path
   */
  public Path cachedDelegate() {
    return delegate;
  }

  /**
   * Caches the delegate path this path maps to. Only the file system's mapping calls this.
   *
   * @param mapped the delegate path
   */
  public void cacheDelegate(Path mapped) {
    this.delegate = mapped;
  }

  private int[] offsets() {
    int[] result = offsets;
    if (result == null) {
      result = computeOffsets();
      offsets = result;
    }
    return result;
  }

  private int[] computeOffsets() {
    if (path.isEmpty()) {
      return new int[] {0};
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

  private TmpPath child(String s) {
    return new TmpPath(fs, s);
  }

  private boolean isEmpty() {
    return path.isEmpty();
  }

  @Override
  public TmpFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return !path.isEmpty() && path.charAt(0) == '/';
  }

  @Override
  public TmpPath getRoot() {
    return isAbsolute() ? fs.rootPath() : null;
  }

  @Override
  public TmpPath getFileName() {
    int[] offs = offsets();
    int count = offs.length;
    if (count == 0) {
      return null;
    }
    if (count == 1 && !path.isEmpty() && path.charAt(0) != '/') {
      return this;
    }
    return child(path.substring(offs[count - 1]));
  }

  @Override
  public TmpPath getParent() {
    int[] offs = offsets();
    int count = offs.length;
    if (count == 0) {
      return null;
    }
    int len = offs[count - 1] - 1;
    if (len <= 0) {
      return getRoot();
    }
    return child(path.substring(0, len));
  }

  @Override
  public int getNameCount() {
    return offsets().length;
  }

  @Override
  public TmpPath getName(int index) {
    int[] offs = offsets();
    if (index < 0 || index >= offs.length) {
      throw new IllegalArgumentException();
    }
    int begin = offs[index];
    int end = index == offs.length - 1 ? path.length() : offs[index + 1] - 1;
    return child(path.substring(begin, end));
  }

  @Override
  public TmpPath subpath(int beginIndex, int endIndex) {
    int[] offs = offsets();
    if (beginIndex < 0 || beginIndex >= offs.length || endIndex > offs.length
        || beginIndex >= endIndex) {
      throw new IllegalArgumentException();
    }
    int begin = offs[beginIndex];
    int end = endIndex == offs.length ? path.length() : offs[endIndex] - 1;
    return child(path.substring(begin, end));
  }

  private String nameAt(int i) {
    int[] offs = offsets();
    int end = i == offs.length - 1 ? path.length() : offs[i + 1] - 1;
    return path.substring(offs[i], end);
  }

  @Override
  public boolean startsWith(Path other) {
    if (!(Objects.requireNonNull(other) instanceof TmpPath)) {
      return false;
    }
    TmpPath that = (TmpPath) other;
    if (that.path.length() > path.length()) {
      return false;
    }
    int thisCount = getNameCount();
    int thatCount = that.getNameCount();
    if (thatCount == 0 && isAbsolute()) {
      return !that.isEmpty();
    }
    if (thatCount > thisCount) {
      return false;
    }
    if (thatCount == thisCount && path.length() != that.path.length()) {
      return false;
    }
    for (int i = 0; i < thatCount; i++) {
      if (offsets()[i] != that.offsets()[i]) {
        return false;
      }
    }
    if (!path.startsWith(that.path)) {
      return false;
    }
    int i = that.path.length();
    return i >= path.length() || path.charAt(i) == '/';
  }

  @Override
  public boolean endsWith(Path other) {
    if (!(Objects.requireNonNull(other) instanceof TmpPath)) {
      return false;
    }
    TmpPath that = (TmpPath) other;
    int thisLen = path.length();
    int thatLen = that.path.length();
    if (thatLen > thisLen) {
      return false;
    }
    if (thisLen > 0 && thatLen == 0) {
      return false;
    }
    if (that.isAbsolute() && !isAbsolute()) {
      return false;
    }
    int thisCount = getNameCount();
    int thatCount = that.getNameCount();
    if (thatCount > thisCount) {
      return false;
    }
    if (thatCount == thisCount) {
      if (thisCount == 0) {
        return true;
      }
      int expected = thisLen;
      if (isAbsolute() && !that.isAbsolute()) {
        expected--;
      }
      if (thatLen != expected) {
        return false;
      }
    } else if (that.isAbsolute()) {
      return false;
    }
    int thisPos = offsets()[thisCount - thatCount];
    int thatPos = that.offsets()[0];
    if (thatLen - thatPos != thisLen - thisPos) {
      return false;
    }
    return path.regionMatches(thisPos, that.path, thatPos, thatLen - thatPos);
  }

  @Override
  public TmpPath normalize() {
    if (!mayHaveDotName()) {
      return this;
    }
    int[] offs = offsets();
    int count = offs.length;
    if (count == 0 || isEmpty() || !hasDotOrDotDot(0)) {
      return this;
    }
    // Works on name boundaries in the string, not on name substrings: normalize is on the hot path
    // of every operation (PathMapping), so it allocates only the result.
    boolean absolute = isAbsolute();
    int[] kept = new int[count];
    int size = 0;
    for (int i = 0; i < count; i++) {
      if (isDot(i)) {
        continue;
      }
      if (isDotDot(i)) {
        if (size > 0 && !isDotDot(kept[size - 1])) {
          size--; // "name/.." cancels out
          continue;
        }
        if (absolute) {
          continue; // "/.." is "/"
        }
      }
      kept[size++] = i;
    }
    StringBuilder sb = new StringBuilder(path.length());
    if (absolute) {
      sb.append('/');
    }
    for (int k = 0; k < size; k++) {
      if (k > 0) {
        sb.append('/');
      }
      sb.append(path, offs[kept[k]], nameEnd(kept[k]));
    }
    return child(sb.toString());
  }

  @Override
  public TmpPath resolve(Path obj) {
    TmpPath other = checkPath(obj);
    if (other.isAbsolute()) {
      return other;
    }
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    if (path.equals("/")) {
      return child("/" + other.path);
    }
    return child(path + "/" + other.path);
  }

  @Override
  public TmpPath resolve(String other) {
    // resolve(parse(other)) without the intermediate path: directory streams and callers that
    // build paths name by name come through here once per entry.
    String o = normalizeAndCheck(other);
    if (o.isEmpty()) {
      return this;
    }
    if (o.charAt(0) == '/' || isEmpty()) {
      return child(o);
    }
    return child(path.equals("/") ? "/" + o : path + "/" + o);
  }

  @Override
  public TmpPath resolveSibling(Path other) {
    checkPath(other);
    TmpPath parent = getParent();
    return parent == null ? (TmpPath) other : parent.resolve(other);
  }

  @Override
  public TmpPath resolveSibling(String other) {
    return resolveSibling(parse(fs, other));
  }

  /**
   * Tells cheaply, without splitting the path into names, whether any name could be {@code .} or
   * {@code ..}: only a name starting with a dot can, and such a name starts the path or follows a
   * separator. Most paths have none, and every file operation normalizes its path.
   */
  private boolean mayHaveDotName() {
    return path.startsWith(".") || path.contains("/.");
  }

  /** Tells whether any name from index {@code from} on is {@code .} or {@code ..}. */
  private boolean hasDotOrDotDot(int from) {
    int n = getNameCount();
    for (int i = from; i < n; i++) {
      if (isDot(i) || isDotDot(i)) {
        return true;
      }
    }
    return false;
  }

  private int nameEnd(int i) {
    int[] offs = offsets();
    return i == offs.length - 1 ? path.length() : offs[i + 1] - 1;
  }

  private boolean isDot(int i) {
    int begin = offsets()[i];
    return nameEnd(i) - begin == 1 && path.charAt(begin) == '.';
  }

  private boolean isDotDot(int i) {
    int begin = offsets()[i];
    return nameEnd(i) - begin == 2 && path.charAt(begin) == '.' && path.charAt(begin + 1) == '.';
  }

  /** Compares name {@code i} of this path with name {@code j} of {@code that}, without copying. */
  private boolean nameEquals(int i, TmpPath that, int j) {
    int begin = offsets()[i];
    int length = nameEnd(i) - begin;
    int thatBegin = that.offsets()[j];
    return that.nameEnd(j) - thatBegin == length
        && path.regionMatches(begin, that.path, thatBegin, length);
  }

  @Override
  public TmpPath relativize(Path obj) {
    TmpPath other = checkPath(obj);
    if (other.equals(this)) {
      return child("");
    }
    if (isAbsolute() != other.isAbsolute()) {
      throw new IllegalArgumentException("'other' is different type of Path");
    }
    if (isEmpty()) {
      return other;
    }
    TmpPath base = this;
    if (base.hasDotOrDotDot(0) || other.hasDotOrDotDot(0)) {
      base = base.normalize();
      other = other.normalize();
      if (base.isEmpty()) {
        return other; // as the default provider does when the base normalizes away ("a/..")
      }
    }
    int baseCount = base.getNameCount();
    int childCount = other.getNameCount();
    int n = Math.min(baseCount, childCount);
    int i = 0;
    while (i < n && base.nameEquals(i, other, i)) {
      i++;
    }
    // The names of "other" after the common part, as one region of its string.
    int childStart = i == childCount ? -1 : other.offsets()[i];
    if (i == baseCount) {
      return child(childStart < 0 ? "" : other.path.substring(childStart));
    }
    if (base.hasDotOrDotDot(i)) {
      throw new IllegalArgumentException(
          "Unable to compute relative  path from " + this + " to " + obj);
    }
    int dotdots = baseCount - i;
    StringBuilder sb = new StringBuilder(3 * dotdots + other.path.length());
    for (int k = 0; k < dotdots; k++) {
      if (k > 0) {
        sb.append('/');
      }
      sb.append("..");
    }
    if (childStart >= 0 && childStart < other.path.length()) {
      sb.append('/').append(other.path, childStart, other.path.length());
    }
    return child(sb.toString());
  }

  @Override
  public URI toUri() {
    return fs.toUri(toAbsolutePath());
  }

  @Override
  public TmpPath toAbsolutePath() {
    if (isAbsolute()) {
      return this;
    }
    return fs.rootPath().resolve(this);
  }

  @Override
  public TmpPath toRealPath(LinkOption... options) throws IOException {
    return fs.toRealPath(this, options);
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
      throws IOException {
    return fs.register(this, watcher, events, modifiers);
  }

  @Override
  public int compareTo(Path other) {
    return path.compareTo(((TmpPath) other).path);
  }

  @Override
  public boolean equals(Object obj) {
    if (this == obj) {
      return true;
    }
    if (!(obj instanceof TmpPath)) {
      return false;
    }
    TmpPath that = (TmpPath) obj;
    return fs == that.fs && path.equals(that.path);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = path.hashCode();
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return path;
  }

  /**
   * Returns the names of this path as strings, for mapping to another provider.
   *
   * @return a fresh array of the names
   */
  public String[] names() {
    int count = getNameCount();
    String[] result = new String[count];
    for (int i = 0; i < count; i++) {
      result[i] = nameAt(i);
    }
    return result;
  }

  private TmpPath checkPath(Path other) {
    Objects.requireNonNull(other);
    if (!(other instanceof TmpPath)) {
      throw new ProviderMismatchException(
          "a tmp: path cannot be combined with a path of " + other.getFileSystem().provider());
    }
    return (TmpPath) other;
  }
}
