package dev.scratchfs.junit.cases;

import dev.scratchfs.TmpFileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the example classes saw from inside their tests, for the outer test to check on disk after
 * the run: on-disk paths by label, and free-form facts.
 */
public final class Seen {
  private static final Map<String, Path> PATHS = Collections.synchronizedMap(new LinkedHashMap<>());
  private static final Map<String, String> FACTS = Collections.synchronizedMap(new LinkedHashMap<>());

  private Seen() {}

  /** Forgets everything; called before each run. */
  public static void clear() {
    PATHS.clear();
    FACTS.clear();
  }

  /** Records where {@code tmpPath} is on disk (or in the delegate) under {@code label}. */
  public static Path onDisk(String label, Path tmpPath) {
    Path delegate = TmpFileSystems.unwrap(tmpPath);
    PATHS.put(label, delegate);
    return delegate;
  }

  /** Records a path of the default file system (a {@code @TempDir File} or a disk-mode path). */
  public static Path plain(String label, Path path) {
    PATHS.put(label, path);
    return path;
  }

  /** Records the mode bits of {@code path} on disk, as {@code ls -l} shows them, under {@code label}. */
  public static void mode(String label, Path path) throws java.io.IOException {
    FACTS.put(label, java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)));
  }

  /** Records a fact. */
  public static void fact(String label, Object value) {
    FACTS.put(label, String.valueOf(value));
  }

  /** The path recorded under {@code label}, or null. */
  public static Path path(String label) {
    return PATHS.get(label);
  }

  /** The fact recorded under {@code label}, or null. */
  public static String fact(String label) {
    return FACTS.get(label);
  }

  /** Every path recorded. */
  public static List<Path> paths() {
    synchronized (PATHS) {
      return new ArrayList<>(PATHS.values());
    }
  }
}
