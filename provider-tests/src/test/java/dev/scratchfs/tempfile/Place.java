package dev.scratchfs.tempfile;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.io.MoreFiles;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh, empty directory for one test, on the default file system (under the JVM's temp dir) or on
 * an in-memory jimfs with a posix view; closing it removes it (JUnit closes parameters itself).
 */
final class Place implements AutoCloseable {
  /** rw------- */
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  /** rwx------ */
  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final String name;
  private final Path dir;
  private final FileSystem ownFileSystem;

  private Place(String name, Path dir, FileSystem ownFileSystem) {
    this.name = name;
    this.dir = dir;
    this.ownFileSystem = ownFileSystem;
  }

  static Place onDefaultFileSystem() throws IOException {
    return new Place("default", Files.createTempDirectory("scratchfs-tempfile-test-"), null);
  }

  static Place onJimfs() throws IOException {
    FileSystem fs =
        Jimfs.newFileSystem(
            Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix").build());
    return new Place("jimfs", Files.createDirectory(fs.getPath("/scratch")), fs);
  }

  /** Both kinds, for {@code @MethodSource}. */
  static Stream<Place> both() throws IOException {
    return Stream.of(onDefaultFileSystem(), onJimfs());
  }

  Path dir() {
    return dir;
  }

  /** The names directly in {@link #dir()}, sorted. */
  Set<String> names() throws IOException {
    return names(dir);
  }

  static Set<String> names(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    }
    return names;
  }

  /** {@code prefix[a-z0-9_]{6}suffix}, literally. */
  static Pattern namePattern(String prefix, String suffix) {
    return Pattern.compile(Pattern.quote(prefix) + "[a-z0-9_]{6}" + Pattern.quote(suffix));
  }

  static Set<PosixFilePermission> modeOf(Path path) throws IOException {
    return Files.getPosixFilePermissions(path, NOFOLLOW_LINKS);
  }

  @Override
  public void close() throws IOException {
    if (ownFileSystem != null) {
      ownFileSystem.close();
    } else if (Files.exists(dir, NOFOLLOW_LINKS)) {
      MoreFiles.deleteRecursively(dir);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
