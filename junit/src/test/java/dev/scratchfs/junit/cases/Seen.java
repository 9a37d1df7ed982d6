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
