package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.scratchfs.policy.ExclusiveCreator;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * The suffix, prefix and directory of one temporary entry, in Python's argument order, with every
 * default already applied.
 *
 * @param suffix the end of the name, possibly empty
 * @param prefix the start of the name, possibly empty
 * @param dir the directory to create in; names are resolved against it as given, so {@code
 *     TempFiles} passes it absolute
 */
public record NameTemplate(String suffix, String prefix, Path dir) {
  /** The prefix used when the caller gives none, as Python's {@code gettempprefix()}. */
  public static final String DEFAULT_PREFIX = "tmp";

  /**
   * Checks and stores the parts.
   *
   * @param suffix the end of the name, possibly empty
   * @param prefix the start of the name, possibly empty
   * @param dir the directory to create in
   * @throws NullPointerException if any part is null
   * @throws IllegalArgumentException if the prefix or suffix could make the name leave {@code dir}
   */
  public NameTemplate {
    checkNotNull(dir, "dir");
    checkParts(suffix, prefix, dir);
  }

  /**
   * Rejects a suffix or prefix that could make a name leave its directory, before anything is looked
   * up or created. A null part stands for its default, which is always acceptable.
   *
   * @param suffix the suffix or null
   * @param prefix the prefix or null
   * @param dir the target directory, or null for the default temporary directory (which is on the
   *     default file system)
   * @throws IllegalArgumentException if a part holds {@code /}, the file system's separator or NUL
   */
  public static void checkParts(String suffix, String prefix, Path dir) {
    FileSystem fs = dir == null ? FileSystems.getDefault() : dir.getFileSystem();
    String separator = fs.getSeparator();
    ExclusiveCreator.checkNamePart("suffix", suffix == null ? "" : suffix, separator);
    ExclusiveCreator.checkNamePart("prefix", prefix == null ? DEFAULT_PREFIX : prefix, separator);
  }
}
