package dev.scratchfs.path;

import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.Objects;

/**
 * The algebra of Unix paths, string for string the results of the JDK's {@code
 * sun.nio.fs.UnixPath}: names, {@code normalize}, {@code resolve}, {@code relativize}, {@code
 * startsWith} and {@code endsWith}, computed on name boundaries of the normalized string (see
 * {@link PathSyntax}) without splitting it into name objects.
 *
 * <p>Subclasses are the paths of one file system: they say how a result becomes a path of theirs
 * and what a path means on disk. A relative path of another provider combines with a path of this
 * kind by its names, exactly as its string would, so lexical confinement is the same; an absolute
 * one is a {@link ProviderMismatchException} ({@code resolve}, {@code relativize}) or never a
 * prefix or suffix ({@code startsWith}, {@code endsWith}).
 *
 * @param <P> the concrete path type
 */
public abstract class UnixPath<P extends UnixPath<P>> implements Path {
  /** The normalized path string; null for a path that computes it on first need. */
  private final String path;
  /** Start of each name; computed lazily (benign race: idempotent). */
  private int[] offsets;

  /**
   * Creates a path of a normalized string.
   *
   * @param normalizedPath a string returned by {@link PathSyntax#parse}
   */
  protected UnixPath(String normalizedPath) {
    this.path = Objects.requireNonNull(normalizedPath, "normalizedPath");
  }

  /**
   * Creates a path whose string is computed on first need by {@link #lazyString()}: for paths made
   * in bulk (a directory stream's entries) of which most are never looked at.
   */
  protected UnixPath() {
    this.path = null;
  }

  /**
   * Computes the string of a path made by {@link #UnixPath()}; called whenever it is needed, so an
   * implementation caches what it computed (from final fields only, so that a path published
   * without synchronization computes the same string in every thread).
   *
   * @return the normalized path string
   */
  protected String lazyString() {
    throw new IllegalStateException("a path made with a string has no lazy string");
  }


  /**
   * Returns a path of the same file system.
   *
   * @param normalizedPath a normalized path string
   * @return the path
   */
  protected abstract P create(String normalizedPath);

  /**
   * Returns this path as its concrete type.
   *
   * @return {@code this}
   */
  protected abstract P self();

  /**
   * Returns a path of the same kind for {@code other}: itself if it is one, the same names if it
   * is a relative path of another provider.
   *
   * @param other a path
   * @return a path of this kind
   * @throws ProviderMismatchException if {@code other} is an absolute path of another provider
   * @throws NullPointerException if {@code other} is null
   */
  protected P adopt(Path other) {
    P own = ownOrNull(Objects.requireNonNull(other, "other"));
    if (own == null) {
      throw new ProviderMismatchException(
          "an absolute path of " + other.getFileSystem().provider() + " cannot be combined with "
              + getClass().getSimpleName() + " " + this + ": " + other);
    }
    return own;
  }

  /**
   * Tells whether a path is of this concrete kind; other file systems of the same provider count.
   *
   * @param other a path, not null
   * @return true if it can be cast to {@code P}
   */
  protected abstract boolean isSameKind(Path other);

  @SuppressWarnings("unchecked")
  private P ownOrNull(Path other) {
    if (isSameKind(other)) {
      return (P) other;
    }
    if (other.isAbsolute() || other.getRoot() != null) {
      return null;
    }
    return create(PathSyntax.ofNames(other));
  }

  /**
   * Returns the path string, exactly as {@link #toString()}.
   *
   * @return the normalized path string
   */
  public final String string() {
    String p = path;
    return p != null ? p : lazyString();
  }

  int[] offsets() {
    int[] result = offsets;
    if (result == null) {
      result = PathSyntax.offsets(string());
      offsets = result;
    }
    return result;
  }

  @Override
  public final boolean isAbsolute() {
    String p = string();
    return !p.isEmpty() && p.charAt(0) == '/';
  }

  @Override
  public P getFileName() {
    int[] offs = offsets();
    int count = offs.length;
    if (count == 0) {
      return null;
    }
    String p = string();
    if (count == 1 && !p.isEmpty() && p.charAt(0) != '/') {
      return self();
    }
    return create(p.substring(offs[count - 1]));
  }

  @Override
  public P getParent() {
    int[] offs = offsets();
    int count = offs.length;
    if (count == 0) {
      return null;
    }
    int len = offs[count - 1] - 1;
    if (len <= 0) {
      return isAbsolute() ? create("/") : null;
    }
    return create(string().substring(0, len));
  }

  @Override
  public final int getNameCount() {
    return offsets().length;
  }

  @Override
  public P getName(int index) {
    int[] offs = offsets();
    if (index < 0 || index >= offs.length) {
      throw new IllegalArgumentException();
    }
    return create(string().substring(offs[index], nameEnd(index)));
  }

  @Override
  public P subpath(int beginIndex, int endIndex) {
    int[] offs = offsets();
    if (beginIndex < 0 || beginIndex >= offs.length || endIndex > offs.length
        || beginIndex >= endIndex) {
      throw new IllegalArgumentException();
    }
    return create(string().substring(offs[beginIndex], nameEnd(endIndex - 1)));
  }

  /**
   * Returns the names of this path as strings.
   *
   * @return a fresh array of the names
   */
  public final String[] names() {
    int count = getNameCount();
    String[] result = new String[count];
    String path = string();
    for (int i = 0; i < count; i++) {
      result[i] = path.substring(offsets()[i], nameEnd(i));
    }
    return result;
  }

  @Override
  public boolean startsWith(Path other) {
    UnixPath<?> that = ownOrNull(Objects.requireNonNull(other, "other"));
    return that != null && PrefixAndSuffix.startsWith(this, that);
  }

  @Override
  public boolean endsWith(Path other) {
    UnixPath<?> that = ownOrNull(Objects.requireNonNull(other, "other"));
    return that != null && PrefixAndSuffix.endsWith(this, that);
  }

  @Override
  public P normalize() {
    // Every file operation normalizes its path, so the common case returns at once: only a name
    // starting with a dot can be "." or "..", and such a name starts the path or follows a '/'.
    String path = string();
    if (!(path.startsWith(".") || path.contains("/.")) || !hasDotOrDotDot(0)) {
      return self();
    }
    int count = getNameCount();
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
      sb.append(path, offsets()[kept[k]], nameEnd(kept[k]));
    }
    return create(sb.toString());
  }

  @Override
  public P resolve(Path obj) {
    P other = adopt(obj);
    String o = other.string();
    if (other.isAbsolute()) {
      return other;
    }
    if (o.isEmpty()) {
      return self();
    }
    String path = string();
    if (path.isEmpty()) {
      return other;
    }
    return create(path.equals("/") ? "/" + o : path + "/" + o);
  }

  @Override
  public P resolve(String other) {
    // resolve(parse(other)) without the intermediate path: directory streams and callers that
    // build paths name by name come through here once per entry.
    String path = string();
    String resolved = PathSyntax.resolve(path, other);
    return resolved == path ? self() : create(resolved);
  }

  @Override
  public P resolveSibling(Path other) {
    P own = adopt(other);
    P parent = getParent();
    return parent == null ? own : parent.resolve(own);
  }

  @Override
  public P resolveSibling(String other) {
    return resolveSibling(create(PathSyntax.parse(other)));
  }

  @Override
  public P relativize(Path obj) {
    UnixPath<?> other = adopt(obj);
    String path = string();
    if (other.string().equals(path)) {
      return create("");
    }
    if (isAbsolute() != other.isAbsolute()) {
      throw new IllegalArgumentException("'other' is different type of Path");
    }
    if (path.isEmpty()) {
      return create(other.string());
    }
    UnixPath<?> base = this;
    if (base.hasDotOrDotDot(0) || other.hasDotOrDotDot(0)) {
      base = base.normalize();
      other = other.normalize();
      if (base.string().isEmpty()) {
        return create(other.string()); // as the default provider does when the base normalizes away
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
    String child = other.string();
    if (i == baseCount) {
      return create(childStart < 0 ? "" : child.substring(childStart));
    }
    if (base.hasDotOrDotDot(i)) {
      throw new IllegalArgumentException(
          "Unable to compute relative  path from " + this + " to " + obj);
    }
    int dotdots = baseCount - i;
    StringBuilder sb = new StringBuilder(3 * dotdots + child.length());
    for (int k = 0; k < dotdots; k++) {
      sb.append(k > 0 ? "/.." : "..");
    }
    if (childStart >= 0 && childStart < child.length()) {
      sb.append('/').append(child, childStart, child.length());
    }
    return create(sb.toString());
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

  int nameEnd(int i) {
    int[] offs = offsets();
    return i == offs.length - 1 ? string().length() : offs[i + 1] - 1;
  }

  private boolean isDot(int i) {
    int begin = offsets()[i];
    return nameEnd(i) - begin == 1 && string().charAt(begin) == '.';
  }

  private boolean isDotDot(int i) {
    int begin = offsets()[i];
    String path = string();
    return nameEnd(i) - begin == 2 && path.charAt(begin) == '.' && path.charAt(begin + 1) == '.';
  }

  /** Compares name {@code i} of this path with name {@code j} of {@code that}, without copying. */
  private boolean nameEquals(int i, UnixPath<?> that, int j) {
    int begin = offsets()[i];
    int length = nameEnd(i) - begin;
    int thatBegin = that.offsets()[j];
    return that.nameEnd(j) - thatBegin == length
        && string().regionMatches(begin, that.string(), thatBegin, length);
  }

  @Override
  public int compareTo(Path other) {
    return string().compareTo(((UnixPath<?>) other).string());
  }

  @Override
  public int hashCode() {
    return string().hashCode(); // the string caches it: no field of its own in every path
  }

  @Override
  public final String toString() {
    return string();
  }
}
