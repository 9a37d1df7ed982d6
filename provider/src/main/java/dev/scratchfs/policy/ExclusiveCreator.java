package dev.scratchfs.policy;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.scratchfs.io.IoFunction;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * The one implementation of "create exclusively under a random name" (Python's {@code _mkstemp_inner}
 * and {@code mkdtemp}), shared by the scratch file system's root and by {@code TempFiles}.
 *
 * <p>A candidate name is {@code prefix + six random characters + suffix}. The creation step must fail
 * with {@link FileAlreadyExistsException} when the name is taken ({@code CREATE_NEW}, i.e. {@code
 * O_EXCL}, or {@code createDirectory}), so nothing that another process planted under that name is
 * ever opened. Only that exception leads to another try; any other error (access denied, missing
 * directory, full disk) fails at once, because retrying cannot help and would hide the cause.
 */
public final class ExclusiveCreator {
  /** How many names are tried before giving up, as in Python's {@code TMP_MAX}. */
  public static final int MAX_TRIES = 10_000;

  private final NameSource names;
  private final int maxTries;

  /**
   * Creates a creator that draws names from {@code names}.
   *
   * @param names the source of random name parts
   * @param maxTries how many candidates to try before giving up, at least 1
   */
  public ExclusiveCreator(NameSource names, int maxTries) {
    this.names = checkNotNull(names, "names");
    if (maxTries < 1) {
      throw new IllegalArgumentException("maxTries must be at least 1: " + maxTries);
    }
    this.maxTries = maxTries;
  }

  /**
   * Returns the creator used in production: {@link RandomNames#secure()} and {@link #MAX_TRIES}.
   *
   * @return the shared secure creator
   */
  public static ExclusiveCreator secure() {
    return Holder.SECURE;
  }

  private static final class Holder {
    static final ExclusiveCreator SECURE = new ExclusiveCreator(RandomNames.secure(), MAX_TRIES);
  }

  /**
   * Creates something under a fresh random name in {@code dir}.
   *
   * @param dir the directory to create in
   * @param prefix the start of the name, not null, checked with {@link #checkNamePart}
   * @param suffix the end of the name, not null, checked with {@link #checkNamePart}
   * @param creation the exclusive creation step: creates at the candidate path, failing with {@link
   *     FileAlreadyExistsException} if the name is taken (another name is then tried); any other
   *     failure ends the attempts
   * @param <T> what the creation step returns
   * @return the result of the first attempt that succeeded
   * @throws IllegalArgumentException if the prefix or suffix could change the directory
   * @throws FileAlreadyExistsException if every one of the tries met an existing name
   * @throws IOException if an attempt failed for any other reason
   */
  public <T> T create(Path dir, String prefix, String suffix, IoFunction<Path, T> creation)
      throws IOException {
    checkNotNull(dir, "dir");
    checkNotNull(creation, "creation");
    String separator = dir.getFileSystem().getSeparator();
    checkNamePart("prefix", prefix, separator);
    checkNamePart("suffix", suffix, separator);
    for (int i = 0; i < maxTries; i++) {
      Path candidate = dir.resolve(prefix + names.next() + suffix);
      try {
        return creation.apply(candidate);
      } catch (FileAlreadyExistsException taken) {
        // Another file has this name, maybe planted: never open it, draw another name.
      }
    }
    throw new FileAlreadyExistsException(
        dir.toString(), null, "No usable temporary file name found");
  }

  /**
   * Checks that a prefix or suffix cannot make the name leave its directory.
   *
   * @param what "prefix" or "suffix", for the message
   * @param part the value to check, not null
   * @param separator the name separator of the target file system
   * @throws IllegalArgumentException if {@code part} contains {@code /}, the file system's separator
   *     or NUL
   * @throws NullPointerException if {@code part} is null
   */
  public static void checkNamePart(String what, String part, String separator) {
    checkNotNull(part, what);
    if (part.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " must not contain NUL: " + part.replace("\0", "\\0"));
    }
    if (part.contains("/") || part.contains(separator)) {
      throw new IllegalArgumentException(what + " must not contain a name separator: " + part);
    }
  }
}
