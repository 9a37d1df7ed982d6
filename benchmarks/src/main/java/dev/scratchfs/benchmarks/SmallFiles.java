package dev.scratchfs.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The life of a small scratch workspace: make it, create 1,000 files of 1 KiB in 10 directories,
 * list each directory and read every file listed, then clean up (close the {@code tmp:} file system,
 * or delete the temporary directory with Guava).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SmallFiles {
  private static final int DIRECTORIES = 10;
  private static final int FILES_PER_DIRECTORY = 100;
  private static final byte[] CONTENT = new byte[1024];

  @Param({Target.DEFAULT, Target.TMP, Target.JIMFS, Target.TMP_OVER_JIMFS})
  public String target;

  private Path disk;
  private FileSystem jimfs;
  private Path jimfsDir;

  /** Makes the parent directories, on disk and in jimfs. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    disk = BenchDirectory.create();
    jimfs = BenchDirectory.newJimfs();
    jimfsDir = Files.createDirectory(jimfs.getPath("/bench"));
  }

  /** Deletes the parent directories. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchDirectory.delete(disk);
    jimfs.close();
  }

  /**
   * Runs one workspace life.
   *
   * @return the number of bytes read
   */
  @Benchmark
  public long createListReadClose() throws IOException {
    long read = 0;
    try (Workspace workspace = Target.open(target, disk, jimfsDir)) {
      Path root = workspace.root();
      for (int d = 0; d < DIRECTORIES; d++) {
        Path dir = Files.createDirectory(root.resolve("dir" + d));
        for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
          Files.write(dir.resolve("file" + f + ".bin"), CONTENT);
        }
      }
      for (int d = 0; d < DIRECTORIES; d++) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve("dir" + d))) {
          for (Path entry : entries) {
            read += Files.readAllBytes(entry).length;
          }
        }
      }
    }
    return read;
  }
}
