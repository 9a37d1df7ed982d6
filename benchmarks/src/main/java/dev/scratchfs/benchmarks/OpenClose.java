package dev.scratchfs.benchmarks;

import static java.nio.file.StandardOpenOption.READ;

import java.io.IOException;
import java.nio.channels.FileChannel;
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
 * Opens and closes a channel on an existing file. The path is made afresh for every open (as code
 * that resolves a name and opens it does), so the {@code tmp:} side pays its path translation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class OpenClose {
  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  private Path dir;
  private Workspace workspace;
  private Path parent;

  /** Creates the file. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchDirectory.create();
    workspace = Target.open(target, dir, null);
    parent = Files.createDirectory(workspace.root().resolve("data"));
    Files.write(parent.resolve("existing.bin"), new byte[4096]);
  }

  /** Deletes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    workspace.close();
    BenchDirectory.delete(dir);
  }

  /**
   * Opens the file for reading and closes it.
   *
   * @return the closed channel
   */
  @Benchmark
  public FileChannel openClose() throws IOException {
    try (FileChannel ch = FileChannel.open(parent.resolve("existing.bin"), READ)) {
      return ch;
    }
  }
}
