package dev.scratchfs.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.policy.OwnerOnlyPermissions;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
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
 * Creates a temporary file exclusively under a random name, owner-only, and closes it: scratchfs's
 * {@code mkstemp} against {@link Files#createTempFile}. Each iteration works in a fresh directory,
 * deleted after it, so directory size does not drift between the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TempCreation {
  private static final FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(OwnerOnlyPermissions.FILE);

  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  private boolean scratch;
  private Path parent;
  private Path dir;
  private int iteration;

  /** Makes the benchmark directory. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    scratch = Target.TMP.equals(target);
    parent = BenchDirectory.create();
  }

  /** Deletes it. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    BenchDirectory.delete(parent);
  }

  /** Makes the directory of one iteration. */
  @Setup(Level.Iteration)
  public void newDirectory() throws IOException {
    dir = Files.createDirectory(parent.resolve("iteration" + iteration++));
  }

  /** Deletes the files of one iteration. */
  @TearDown(Level.Iteration)
  public void deleteDirectory() throws IOException {
    BenchDirectory.delete(dir);
  }

  /**
   * Creates one temporary file and closes it.
   *
   * @return what the creation returned
   */
  @Benchmark
  public Object createAndClose() throws IOException {
    if (scratch) {
      try (TempFile f = TempFiles.mkstemp("", "tmp", dir)) {
        return f;
      }
    }
    return Files.createTempFile(dir, "tmp", "");
  }

}
