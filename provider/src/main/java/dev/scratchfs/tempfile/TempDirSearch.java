package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.scratchfs.policy.ExclusiveCreator;
import dev.scratchfs.policy.RandomNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Python's search for the default temporary directory ({@code tempfile._get_default_tempdir}): the
 * first candidate in which a probe file can really be created exclusively, written and removed.
 *
 * <p>The candidates are, in order: the environment variables {@code TMPDIR}, {@code TEMP} and {@code
 * TMP} (when set and not empty), the platform's usual directories ({@code /tmp}, {@code /var/tmp},
 * {@code /usr/tmp} on POSIX), then the working directory. Checking that a directory merely exists and
 * looks writable is not enough: a full disk, a read-only mount or an ACL only show when something is
 * written.
 */
public final class TempDirSearch {
  /** The environment variables consulted, in order. */
  public static final ImmutableList<String> VARIABLES = ImmutableList.of("TMPDIR", "TEMP", "TMP");

  /** As Python: a probe that keeps meeting taken names gives up on the directory after this many. */
  static final int PROBE_TRIES = 100;

  private static final byte[] PROBE_CONTENT = "blat".getBytes(StandardCharsets.US_ASCII);

  private static final ExclusiveEntries PROBES =
      new ExclusiveEntries(new ExclusiveCreator(RandomNames.secure(), PROBE_TRIES));

  private final Function<String, String> environment;
  private final List<Path> platformDirs;
  private final Path workingDir;

  /**
   * Creates a search over the given sources; tests use it with a fake environment and another file
   * system.
   *
   * @param environment looks up an environment variable, returning null when it is not set
   * @param platformDirs the platform's usual temporary directories, in order
   * @param workingDir the working directory, the last resort; its file system resolves the values of
   *     the environment variables, and relative values are taken relative to it
   */
  public TempDirSearch(
      Function<String, String> environment, List<Path> platformDirs, Path workingDir) {
    this.environment = checkNotNull(environment, "environment");
    this.platformDirs = ImmutableList.copyOf(platformDirs);
    this.workingDir = checkNotNull(workingDir, "workingDir").toAbsolutePath();
  }

  /**
   * Returns the search of this process: its environment, the default file system and its working
   * directory.
   *
   * @return the production search
   */
  public static TempDirSearch forThisProcess() {
    FileSystem fs = FileSystems.getDefault();
    return new TempDirSearch(System::getenv, platformDirs(fs), fs.getPath("").toAbsolutePath());
  }

  private static List<Path> platformDirs(FileSystem fs) {
    List<String> names = new ArrayList<>();
    if ("\\".equals(fs.getSeparator())) {
      names.add(System.getProperty("user.home") + "\\AppData\\Local\\Temp");
      String systemRoot = System.getenv("SYSTEMROOT");
      if (systemRoot != null) {
        names.add(systemRoot + "\\Temp");
      }
      names.addAll(List.of("c:\\temp", "c:\\tmp", "\\temp", "\\tmp"));
    } else {
      names.addAll(List.of("/tmp", "/var/tmp", "/usr/tmp"));
    }
    List<Path> dirs = new ArrayList<>();
    for (String name : names) {
      try {
        dirs.add(fs.getPath(name));
      } catch (InvalidPathException unusable) {
        // Not a path on this system: it cannot be a candidate.
      }
    }
    return dirs;
  }

  /**
   * Returns the candidates in the order they are tried, as absolute paths; values of environment
   * variables that are not valid paths are left out.
   *
   * @return the candidates
   */
  public List<Path> candidates() {
    List<Path> result = new ArrayList<>();
    for (String variable : VARIABLES) {
      String value = environment.apply(variable);
      if (value == null || value.isEmpty()) {
        continue;
      }
      try {
        result.add(workingDir.resolve(workingDir.getFileSystem().getPath(value)));
      } catch (InvalidPathException unusable) {
        // A value such as one holding NUL names no directory; Python would fail on it the same way.
      }
    }
    for (Path dir : platformDirs) {
      result.add(dir.toAbsolutePath());
    }
    result.add(workingDir);
    return result;
  }

  /**
   * Returns the first candidate in which a probe file could be created, written and removed.
   *
   * @return a usable directory, absolute
   * @throws NoSuchFileException if none is usable; the message lists every candidate and the reason
   *     each failed is attached as a suppressed exception
   */
  public Path find() throws NoSuchFileException {
    List<Path> tried = candidates();
    List<IOException> reasons = new ArrayList<>();
    for (Path dir : tried) {
      try {
        probe(dir);
        return dir;
      } catch (IOException | RuntimeException unusable) {
        // A provider may report trouble unchecked (e.g. UnsupportedOperationException); the
        // directory is unusable either way.
        reasons.add(
            unusable instanceof IOException
                ? (IOException) unusable
                : new IOException(dir + ": " + unusable, unusable));
      }
    }
    NoSuchFileException none =
        new NoSuchFileException(null, null, "No usable temporary directory found in " + tried);
    reasons.forEach(none::addSuppressed);
    throw none;
  }

  /**
   * Creates a file exclusively in {@code dir}, writes to it, closes it and removes it.
   *
   * @param dir the candidate
   * @throws IOException if any step failed; a probe file that could not be removed is reported
   */
  static void probe(Path dir) throws IOException {
    CreatedFile created = PROBES.createFile(new NameTemplate("", NameTemplate.DEFAULT_PREFIX, dir));
    try {
      try (SeekableByteChannel channel = created.channel()) {
        ByteBuffer content = ByteBuffer.wrap(PROBE_CONTENT);
        while (content.hasRemaining()) {
          channel.write(content);
        }
      }
    } catch (IOException writeFailed) {
      try {
        Files.deleteIfExists(created.path());
      } catch (IOException alsoLeft) {
        writeFailed.addSuppressed(alsoLeft);
      }
      throw writeFailed;
    }
    Files.delete(created.path());
  }
}
