package dev.scratchfs.provider;

import dev.scratchfs.lifecycle.LeakMode;
import dev.scratchfs.policy.ExclusiveCreator;
import dev.scratchfs.quota.QuotaSize;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The options of a new scratch file system, read from the environment map of {@code
 * FileSystems.newFileSystem(URI, Map)} and checked before anything is created.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code dir}</td><td>{@code Path} of any provider, or {@code String} (a default-file-system
 *       path)</td><td>{@code TempFiles.gettempdir()}</td><td>where the root directory is made</td></tr>
 *   <tr><td>{@code prefix}</td><td>{@code String}</td><td>{@code "scratchfs-"}</td><td>start of the
 *       root's name</td></tr>
 *   <tr><td>{@code suffix}</td><td>{@code String}</td><td>{@code ""}</td><td>end of the root's
 *       name</td></tr>
 *   <tr><td>{@code cleanup}</td><td>{@code Boolean} or {@code "true"}/{@code "false"}</td><td>{@code
 *       true}</td><td>whether {@code close()} and JVM exit delete the root</td></tr>
 *   <tr><td>{@code quota}</td><td>{@code Long}/{@code Integer} bytes, or {@code String} such as
 *       {@code "64MiB"}</td><td>none</td><td>most bytes the files may hold together ({@link
 *       QuotaSize})</td></tr>
 *   <tr><td>{@code leaks}</td><td>{@code "ignore"}, {@code "close"} (or {@code "warn"}), {@code
 *       "fail"}</td><td>{@code "ignore"}</td><td>what {@code close()} does about handles left open
 *       ({@link LeakMode})</td></tr>
 * </table>
 *
 * <p>An unknown key, a value of the wrong type, or a prefix or suffix with a separator or NUL is an
 * {@link IllegalArgumentException} naming the key.
 */
public final class TmpOptions {
  /** Key of the directory the root is created in. */
  public static final String DIR = "dir";
  /** Key of the root name's prefix. */
  public static final String PREFIX = "prefix";
  /** Key of the root name's suffix. */
  public static final String SUFFIX = "suffix";
  /** Key of the cleanup switch. */
  public static final String CLEANUP = "cleanup";
  /** Key of the quota in bytes. */
  public static final String QUOTA = "quota";
  /** Key of the leak mode. */
  public static final String LEAKS = "leaks";

  /** The prefix of root directories when none is given. */
  public static final String DEFAULT_PREFIX = "scratchfs-";

  private static final Set<String> KNOWN = Set.of(DIR, PREFIX, SUFFIX, CLEANUP, QUOTA, LEAKS);

  private final Path dir;
  private final String prefix;
  private final String suffix;
  private final boolean cleanup;
  private final long quota;
  private final LeakMode leaks;

  private TmpOptions(
      Path dir, String prefix, String suffix, boolean cleanup, long quota, LeakMode leaks) {
    this.dir = dir;
    this.prefix = prefix;
    this.suffix = suffix;
    this.cleanup = cleanup;
    this.quota = quota;
    this.leaks = leaks;
  }

  /**
   * Reads and checks the options.
   *
   * @param env the environment map, not null
   * @return the options
   * @throws IllegalArgumentException if a key is unknown or a value is invalid
   */
  public static TmpOptions parse(Map<String, ?> env) {
    for (String key : env.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException(
            "unknown tmp: option '" + key + "'; known options are " + KNOWN);
      }
    }
    Path dir = parseDir(env.get(DIR));
    String prefix = string(env, PREFIX, DEFAULT_PREFIX);
    String suffix = string(env, SUFFIX, "");
    String separator = dir == null ? "/" : dir.getFileSystem().getSeparator();
    ExclusiveCreator.checkNamePart(PREFIX, prefix, separator);
    ExclusiveCreator.checkNamePart(SUFFIX, suffix, separator);
    long quota = env.get(QUOTA) == null ? -1 : QuotaSize.parse(QUOTA, env.get(QUOTA));
    LeakMode leaks = env.get(LEAKS) == null ? LeakMode.IGNORE : LeakMode.parse(LEAKS, env.get(LEAKS));
    return new TmpOptions(dir, prefix, suffix, bool(env.get(CLEANUP)), quota, leaks);
  }

  private static Path parseDir(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Path) {
      return (Path) value;
    }
    if (value instanceof String) {
      String s = (String) value;
      if (s.isEmpty()) {
        throw new IllegalArgumentException("tmp: option 'dir' must not be empty");
      }
      try {
        return FileSystems.getDefault().getPath(s);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            "tmp: option 'dir' is not a valid path (" + e.getReason() + "): \""
                + s.replace("\0", "\\0") + "\"",
            e);
      }
    }
    throw new IllegalArgumentException(
        "tmp: option 'dir' must be a Path or a String, not " + value.getClass().getName());
  }

  private static String string(Map<String, ?> env, String key, String defaultValue) {
    Object value = env.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(
          "tmp: option '" + key + "' must be a String, not " + value.getClass().getName());
    }
    return (String) value;
  }

  private static boolean bool(Object value) {
    if (value == null) {
      return true;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw new IllegalArgumentException(
        "tmp: option 'cleanup' must be a Boolean or \"true\"/\"false\", not "
            + String.valueOf(value).replace("\0", "\\0"));
  }

  /**
   * Returns the directory to create the root in, or null for the default.
   *
   * @return the directory option
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns the root name's prefix.
   *
   * @return the prefix
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the root name's suffix.
   *
   * @return the suffix
   */
  public String suffix() {
    return suffix;
  }

  /**
   * Tells whether closing deletes the root.
   *
   * @return the cleanup switch
   */
  public boolean cleanup() {
    return cleanup;
  }

  /**
   * Returns the quota in bytes, or -1 if there is none.
   *
   * @return the quota option
   */
  public long quota() {
    return quota;
  }

  /**
   * Returns what closing does about handles left open.
   *
   * @return the leak mode
   */
  public LeakMode leaks() {
    return leaks;
  }
}
