package dev.scratchfs.benchmarks;

import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * The scratch space of one test, start to end: {@code FileSystems.newFileSystem(tmp:/)}, write one
 * 1 KiB file, {@code close()}; against what JUnit's {@code @TempDir} does, {@code
 * Files.createTempDirectory}, the same write, Guava's {@link MoreFiles#deleteRecursively}. A suite
 * of thousands of tests pays this once per test, so the fixed costs of a file system (its
 * directories, lock, registration and deletion) are all that is measured here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class Lifecycle {
  private static final URI ANONYMOUS = URI.create("tmp:/");
  private static final byte[] CONTENT = new byte[1024];

  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  private Path parent;
  private Map<String, ?> env;

  /** Makes the directory both sides create their directory in. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    parent = BenchDirectory.create();
    env = Map.of("dir", parent);
  }

  /** Deletes it, with whatever a failed call left. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchDirectory.delete(parent);
  }

  /**
   * Lives one test's scratch space.
   *
   * @return the path of the file written, which no longer exists
   */
  @Benchmark
  public Path createWriteClose() throws IOException {
    if (Target.TMP.equals(target)) {
      try (FileSystem fs = FileSystems.newFileSystem(ANONYMOUS, env)) {
        return Files.write(fs.getPath("/test.bin"), CONTENT);
      }
    }
    Path dir = Files.createTempDirectory(parent, "junit");
    try {
      return Files.write(dir.resolve("test.bin"), CONTENT);
    } finally {
      MoreFiles.deleteRecursively(dir);
    }
  }
}
