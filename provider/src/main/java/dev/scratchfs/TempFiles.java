package dev.scratchfs;

import static com.google.common.base.Preconditions.checkArgument;

import dev.scratchfs.tempfile.CreatedFile;
import dev.scratchfs.tempfile.ExclusiveEntries;
import dev.scratchfs.tempfile.NameTemplate;
import dev.scratchfs.tempfile.TempDirCache;
import dev.scratchfs.tempfile.TempDirSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Python's {@code tempfile} module for {@code java.nio}: private temporary files and directories under
 * unpredictable names, on any file system provider.
 *
 * <p>Every factory takes Python's arguments in Python's order, {@code (suffix, prefix, dir)}, and has a
 * form without arguments. A null argument means its default: suffix {@code ""}, prefix {@link
 * #gettempprefix()}, directory {@link #gettempdir()}. A name is {@code prefix}, six random characters
 * from {@code [a-z0-9_]}, then {@code suffix}; returned paths are absolute.
 *
 * <p>Guarantees common to all factories that create something:
 *
 * <ul>
 *   <li>The entry is created exclusively ({@code CREATE_NEW} / {@code createDirectory}): nothing that
 *       already existed under the name, not even a symbolic link planted by someone else, is opened.
 *       A taken name leads to another random name, up to {@link
 *       dev.scratchfs.policy.ExclusiveCreator#MAX_TRIES} times; any other error fails at once.
 *   <li>Wherever the file system has a {@code posix} view, files are created {@code rw-------} and
 *       directories {@code rwx------}, in the creating call itself (a umask can only narrow this).
 *   <li>A prefix or suffix holding a name separator or NUL is rejected with {@link
 *       IllegalArgumentException} before anything is looked up or created.
 *   <li>Only {@code java.nio.file} is used on the directory, so it may live on any provider.
 * </ul>
 *
 * <p>Exceptions: {@link FileAlreadyExistsException} with the message "No usable temporary file name
 * found" when every name tried was taken; any other {@link IOException} of the provider as it
 * happened (e.g. {@link NoSuchFileException} for a missing directory); and, when the default directory
 * is needed and none is usable, the {@link NoSuchFileException} described at {@link #gettempdir()}.
 */
public final class TempFiles {
  private static final TempDirCache TEMP_DIR =
      new TempDirCache(() -> TempDirSearch.forThisProcess().find());

  private TempFiles() {}

  /**
   * Returns the directory temporary entries go to when no directory is given.
   *
   * <p>Unless set with {@link #settempdir}, it is found on first use as Python does: the first of
   * {@code $TMPDIR}, {@code $TEMP}, {@code $TMP}, {@code /tmp}, {@code /var/tmp}, {@code /usr/tmp}
   * (on Windows its usual directories instead) and the working directory in which a probe file can
   * really be created exclusively, written and removed. The result is remembered for the life of the
   * process; concurrent first calls search once.
   *
   * @return the default temporary directory, absolute unless set otherwise with {@link #settempdir}
   * @throws UncheckedIOException if no candidate is usable, wrapping a {@link NoSuchFileException}
   *     whose message lists every directory tried and which carries each one's failure as a
   *     suppressed exception (Python raises {@code FileNotFoundError}); nothing is remembered then.
   *     The factories of this class report that case as the {@link NoSuchFileException} itself.
   */
  public static Path gettempdir() {
    return TEMP_DIR.get();
  }

  /**
   * Sets the directory {@link #gettempdir()} returns, as assigning Python's {@code tempfile.tempdir}
   * does; the directory is not checked. With null, forgets it, so the next call searches again.
   *
   * @param dir the new default temporary directory, or null
   */
  public static void settempdir(Path dir) {
    TEMP_DIR.set(dir);
  }

  /**
   * Returns the prefix used when none is given.
   *
   * @return {@code "tmp"}
   */
  public static String gettempprefix() {
    return NameTemplate.DEFAULT_PREFIX;
  }

  /**
   * Same as {@code mkstemp(null, null, null)}.
   *
   * @return the new file, open
   * @throws IOException as {@link #mkstemp(String, String, Path)}
   */
  public static TempFile mkstemp() throws IOException {
    return mkstemp(null, null, null);
  }

  /**
   * Creates a new empty file, open for reading and writing, that stays when closed: the caller
   * deletes it. Python's {@code mkstemp}.
   *
   * @param suffix the end of the name, or null for none
   * @param prefix the start of the name, or null for {@link #gettempprefix()}
   * @param dir the directory, or null for {@link #gettempdir()}
   * @return the file; {@link TempFile#deletesOnClose()} is false
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException as described in the {@linkplain TempFiles class documentation}
   */
  public static TempFile mkstemp(String suffix, String prefix, Path dir) throws IOException {
    return TempFile.kept(ExclusiveEntries.secure().createFile(template(suffix, prefix, dir)));
  }

  /**
   * Same as {@code mkdtemp(null, null, null)}.
   *
   * @return the new directory
   * @throws IOException as {@link #mkdtemp(String, String, Path)}
   */
  public static Path mkdtemp() throws IOException {
    return mkdtemp(null, null, null);
  }

  /**
   * Creates a new empty directory ({@code rwx------}); the caller deletes it. Python's {@code
   * mkdtemp}.
   *
   * @param suffix the end of the name, or null for none
   * @param prefix the start of the name, or null for {@link #gettempprefix()}
   * @param dir the parent directory, or null for {@link #gettempdir()}
   * @return the absolute path of the new directory
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException as described in the {@linkplain TempFiles class documentation}
   */
  public static Path mkdtemp(String suffix, String prefix, Path dir) throws IOException {
    return ExclusiveEntries.secure().createDirectory(template(suffix, prefix, dir));
  }

  /**
   * Same as {@code mktemp(null, null, null)}.
   *
   * @return a name that was free
   * @throws IOException as {@link #mktemp(String, String, Path)}
   * @deprecated Unsafe: see {@link #mktemp(String, String, Path)}; use {@link #mkstemp()}.
   */
  @Deprecated
  public static Path mktemp() throws IOException {
    return mktemp(null, null, null);
  }

  /**
   * Returns a name under which nothing existed when it was checked, and creates nothing. Python's
   * {@code mktemp}.
   *
   * <p><b>Unsafe:</b> between this call and the caller's use of the name, another process can create
   * a file or a symbolic link under it, and the caller would then open or overwrite what that process
   * chose. Use {@link #mkstemp} (or {@link #mkdtemp}), which create the entry in the same step as
   * they choose its name.
   *
   * @param suffix the end of the name, or null for none
   * @param prefix the start of the name, or null for {@link #gettempprefix()}
   * @param dir the directory, or null for {@link #gettempdir()}; it is not checked to exist
   * @return an absolute path that did not exist
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException if names could not be checked, or every name tried was taken
   * @deprecated Unsafe, as explained above; use {@link #mkstemp(String, String, Path)}.
   */
  @Deprecated
  public static Path mktemp(String suffix, String prefix, Path dir) throws IOException {
    return ExclusiveEntries.secure().unusedName(template(suffix, prefix, dir));
  }

  /**
   * Same as {@code temporaryFile(null, null, null)}.
   *
   * @return the new file, open and without a name
   * @throws IOException as {@link #temporaryFile(String, String, Path)}
   */
  public static TempFile temporaryFile() throws IOException {
    return temporaryFile(null, null, null);
  }

  /**
   * Creates a new empty file, open for reading and writing, and removes its name at once, so that
   * nothing else can open it and it disappears when closed, even if the process dies. Python's
   * {@code TemporaryFile}.
   *
   * <p>The file is created under a random name, like {@link #mkstemp}, which is then removed; for that
   * short moment the name is visible (Java has no {@code O_TMPFILE}). If the file system cannot
   * remove the name of an open file, the name stays and is removed on close instead.
   *
   * @param suffix the end of the short-lived name, or null for none
   * @param prefix the start of the short-lived name, or null for {@link #gettempprefix()}
   * @param dir the directory, or null for {@link #gettempdir()}
   * @return the file; {@link TempFile#isNamed()} is false and {@link TempFile#path()} throws, unless
   *     the name had to be kept until close
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException as described in the {@linkplain TempFiles class documentation}
   */
  public static TempFile temporaryFile(String suffix, String prefix, Path dir) throws IOException {
    CreatedFile created = ExclusiveEntries.secure().createFile(template(suffix, prefix, dir));
    try {
      Files.delete(created.path());
    } catch (NoSuchFileException alreadyGone) {
      // Someone removed it first: it has no name either way.
    } catch (IOException openFilesStayNamed) {
      return TempFile.removedOnClose(created);
    } catch (RuntimeException e) {
      try {
        TempFile.removedOnClose(created).close();
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    return TempFile.unnamed(created);
  }

  /**
   * Same as {@code namedTemporaryFile(null, null, null, true)}.
   *
   * @return the new file, open, removed on close
   * @throws IOException as {@link #namedTemporaryFile(String, String, Path, boolean)}
   */
  public static TempFile namedTemporaryFile() throws IOException {
    return namedTemporaryFile(null, null, null, true);
  }

  /**
   * Creates a new empty file, open for reading and writing, whose name is visible and can be opened by
   * others until it is closed. Python's {@code NamedTemporaryFile}.
   *
   * @param suffix the end of the name, or null for none
   * @param prefix the start of the name, or null for {@link #gettempprefix()}
   * @param dir the directory, or null for {@link #gettempdir()}
   * @param delete true to remove the file when it is closed, false to keep it
   * @return the file; {@link TempFile#path()} is its name
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException as described in the {@linkplain TempFiles class documentation}
   */
  public static TempFile namedTemporaryFile(String suffix, String prefix, Path dir, boolean delete)
      throws IOException {
    CreatedFile created = ExclusiveEntries.secure().createFile(template(suffix, prefix, dir));
    return delete ? TempFile.removedOnClose(created) : TempFile.kept(created);
  }

  /**
   * Same as {@code spooledTemporaryFile(0, null, null, null)}: held in memory until {@link
   * SpooledTempFile#rollover()} is called.
   *
   * @return the new, empty in-memory file
   */
  public static SpooledTempFile spooledTemporaryFile() {
    return spooledTemporaryFile(0, null, null, null);
  }

  /**
   * Creates a temporary file held in memory until its contents would grow past {@code maxSize} bytes,
   * then moved to {@link #temporaryFile(String, String, Path) temporaryFile(suffix, prefix, dir)}.
   * Python's {@code SpooledTemporaryFile}. Nothing is created on disk until then, and the default
   * directory is looked up only then.
   *
   * @param maxSize the most bytes held in memory; 0 for no limit
   * @param suffix the end of the on-disk file's short-lived name, or null for none
   * @param prefix the start of that name, or null for {@link #gettempprefix()}
   * @param dir the directory for the on-disk file, or null for {@link #gettempdir()} at roll-over
   * @return the new, empty in-memory file
   * @throws IllegalArgumentException if {@code maxSize} is negative, or the prefix or suffix holds a
   *     separator or NUL (checked now, not at roll-over)
   */
  public static SpooledTempFile spooledTemporaryFile(
      long maxSize, String suffix, String prefix, Path dir) {
    checkArgument(maxSize >= 0, "maxSize must not be negative: %s", maxSize);
    NameTemplate.checkParts(suffix, prefix, dir);
    return new SpooledTempFile(maxSize, suffix, prefix, dir);
  }

  /**
   * Same as {@code temporaryDirectory(null, null, null)}.
   *
   * @return the new directory, removed with its contents on close
   * @throws IOException as {@link #temporaryDirectory(String, String, Path)}
   */
  public static TempDirectory temporaryDirectory() throws IOException {
    return temporaryDirectory(null, null, null);
  }

  /**
   * Creates a new empty directory, as {@link #mkdtemp(String, String, Path)}, that is removed with
   * everything in it when closed. Python's {@code TemporaryDirectory}.
   *
   * @param suffix the end of the name, or null for none
   * @param prefix the start of the name, or null for {@link #gettempprefix()}
   * @param dir the parent directory, or null for {@link #gettempdir()}
   * @return the directory
   * @throws IllegalArgumentException if the prefix or suffix holds a separator or NUL
   * @throws IOException as described in the {@linkplain TempFiles class documentation}
   */
  public static TempDirectory temporaryDirectory(String suffix, String prefix, Path dir)
      throws IOException {
    return new TempDirectory(mkdtemp(suffix, prefix, dir));
  }

  /** Applies the defaults, checking the prefix and suffix before the default directory is sought. */
  private static NameTemplate template(String suffix, String prefix, Path dir) throws IOException {
    NameTemplate.checkParts(suffix, prefix, dir);
    Path parent;
    if (dir != null) {
      parent = dir;
    } else {
      try {
        parent = gettempdir();
      } catch (UncheckedIOException noUsableDir) {
        throw noUsableDir.getCause();
      }
    }
    return new NameTemplate(
        suffix == null ? "" : suffix,
        prefix == null ? gettempprefix() : prefix,
        parent.toAbsolutePath());
  }
}
