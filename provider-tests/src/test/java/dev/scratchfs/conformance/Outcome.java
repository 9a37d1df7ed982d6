package dev.scratchfs.conformance;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a scenario observed, normalized so that two file systems can be compared: ordered {@code
 * key=value} lines in which paths are relative to the work directory, exceptions are their class
 * name plus the relative paths and reason they carry, and listings are sorted.
 *
 * <p>Permission sets are the one thing a tmp: target legitimately changes; they are recorded with
 * {@link #permissions} under a marker, so that the comparison can intersect the delegate's value
 * with the owner's bits.
 */
final class Outcome {
  /** Marks a value that is a permission set; see {@link #ownerOnly}. */
  static final String PERMISSIONS = "perms:";

  private static final Set<PosixFilePermission> OWNER_BITS =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private final Path work;
  private final String workString;
  private final Map<String, String> lines = new LinkedHashMap<>();

  Outcome(Path work) {
    this.work = work;
    this.workString = work.toString();
  }

  /** An action of a scenario that may throw. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /** A query of a scenario that may throw. */
  @FunctionalInterface
  interface Query<T> {
    T get() throws Exception;
  }

  /** Records a value under a key that must be unique in the scenario. */
  Outcome note(String key, Object value) {
    String previous = lines.put(key, render(value));
    if (previous != null) {
      throw new IllegalStateException("scenario records key twice: " + key);
    }
    return this;
  }

  /** Runs an action; records "ok" or the exception it threw. */
  boolean attempt(String key, Action action) {
    try {
      action.run();
      note(key, "ok");
      return true;
    } catch (Exception e) {
      note(key, failure(e));
      return false;
    }
  }

  /** Runs an action; records "ok" or only the class of the exception (its paths are random). */
  void attemptKind(String key, Action action) {
    try {
      action.run();
      note(key, "ok");
    } catch (Exception e) {
      note(key, "!" + e.getClass().getSimpleName());
    }
  }

  /** Runs a query; records its value or the exception, and returns the value or null. */
  <T> T query(String key, Query<T> query) {
    try {
      T value = query.get();
      note(key, value);
      return value;
    } catch (Exception e) {
      note(key, failure(e));
      return null;
    }
  }

  /** Records a permission set, which a tmp: target reports intersected with the owner's bits. */
  Outcome permissions(String key, Set<PosixFilePermission> perms) {
    lines.put(key, PERMISSIONS + PosixFilePermissions.toString(perms));
    return this;
  }

  /** Records a listing as sorted names relative to the work directory. */
  Outcome listing(String key, Stream<Path> paths) {
    try (paths) {
      note(key, paths.map(this::rel).sorted().collect(Collectors.toList()));
    }
    return this;
  }

  /** Records a permission set by running a query, or the exception it threw. */
  void permissionsOf(String key, Query<Set<PosixFilePermission>> query) {
    try {
      permissions(key, query.get());
    } catch (Exception e) {
      note(key, failure(e));
    }
  }

  /**
   * Records the whole tree under the work directory without following links: directories end in
   * {@code /}, links show their target, files show their content.
   */
  Outcome tree(String key) {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> walk = java.nio.file.Files.walk(work)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(work)) {
          continue;
        }
        java.nio.file.attribute.BasicFileAttributes a =
            java.nio.file.Files.readAttributes(
                p, java.nio.file.attribute.BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (a.isDirectory()) {
          entries.add(rel(p) + "/");
        } else if (a.isSymbolicLink()) {
          entries.add(rel(p) + " -> " + render(java.nio.file.Files.readSymbolicLink(p)));
        } else {
          entries.add(rel(p) + "=" + java.nio.file.Files.readString(p));
        }
      }
    } catch (Exception e) {
      entries.add(failure(e));
    }
    java.util.Collections.sort(entries);
    note(key, entries);
    return this;
  }

  Map<String, String> lines() {
    return lines;
  }

  /** A path relative to the work directory; a relative path is shown as it is, marked. */
  String rel(Path p) {
    if (!p.isAbsolute()) {
      return "~" + p;
    }
    return relString(p.toString());
  }

  private String relString(String s) {
    if (s == null) {
      return "null";
    }
    if (s.equals(workString)) {
      return ".";
    }
    String prefix = workString.equals("/") ? "/" : workString + "/";
    if (s.startsWith(prefix)) {
      return s.substring(prefix.length());
    }
    if (!s.startsWith("/")) {
      return "~" + s;
    }
    return "OUTSIDE-WORK-DIR";
  }

  /** An exception as class name, relative file names and reason. */
  String failure(Throwable e) {
    if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      return "!" + e.getClass().getSimpleName() + "(" + relString(f.getFile()) + ","
          + relString(f.getOtherFile()) + "," + f.getReason() + ")";
    }
    if (e instanceof java.io.UncheckedIOException && e.getCause() != null) {
      return "!UncheckedIOException:" + failure(e.getCause());
    }
    return "!" + e.getClass().getSimpleName();
  }

  private String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Path) {
      return "path:" + rel((Path) value);
    }
    if (value instanceof Collection) {
      List<String> items = new ArrayList<>();
      for (Object o : (Collection<?>) value) {
        items.add(render(o));
      }
      return items.toString();
    }
    if (value instanceof byte[]) {
      return "bytes:" + new String((byte[]) value, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    if (value instanceof Throwable) {
      return failure((Throwable) value);
    }
    return String.valueOf(value);
  }

  /** The expected tmp: value of a delegate line: permission sets keep only the owner's bits. */
  static String ownerOnly(String value) {
    if (!value.startsWith(PERMISSIONS)) {
      return value;
    }
    Set<PosixFilePermission> perms =
        PosixFilePermissions.fromString(value.substring(PERMISSIONS.length()));
    perms.retainAll(OWNER_BITS);
    return PERMISSIONS + PosixFilePermissions.toString(perms);
  }

  /** The lines as one text, for readable assertion failures. */
  static String text(Map<String, String> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  @Override
  public String toString() {
    return text(lines);
  }

}
