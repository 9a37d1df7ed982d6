package dev.scratchfs.benchmarks;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where benchmarks put their files: a fresh directory under {@code -Dscratchfs.bench.dir} (default
 * {@code java.io.tmpdir}), so that the scratchfs side and its baseline always share one disk.
 */
final class BenchDirectory {
  /** The system property naming the directory to benchmark in. */
  static final String PROPERTY = "scratchfs.bench.dir";

  private BenchDirectory() {}

  /**
   * Creates a fresh directory for one trial of one benchmark.
   *
   * @return the new directory on the default file system
   * @throws IOException if it cannot be created
   */
  static Path create() throws IOException {
    String dir = System.getProperty(PROPERTY, System.getProperty("java.io.tmpdir"));
    return Files.createTempDirectory(Paths.get(dir), "scratchfs-bench-");
  }

  /**
   * Creates an in-memory jimfs file system with the attribute views of a Unix disk, so that the
   * owner-only policy applies over it as over the default file system.
   *
   * @return the open jimfs file system
   */
  static FileSystem newJimfs() {
    return Jimfs.newFileSystem(
        Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build());
  }

  /**
   * Deletes a directory made by {@link #create()} and everything in it; null is ignored.
   *
   * @param dir the directory
   * @throws IOException if something could not be deleted
   */
  static void delete(Path dir) throws IOException {
    if (dir != null && Files.exists(dir)) {
      MoreFiles.deleteRecursively(dir);
    }
  }
}
