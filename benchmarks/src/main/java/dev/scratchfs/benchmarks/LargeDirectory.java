package dev.scratchfs.benchmarks;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lists a directory of 20,000 or 50,000 entries (the {@code entries} parameter), handing every
 * entry's path to the caller: the cost of wrapping per entry, which a build that lists big output
 * directories pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LargeDirectory {
  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  @Param({"20000", "50000"})
  public int entries;

  private Path parent;
  private Workspace workspace;
  private Path dir;

  /**
   * Fills the directory, straight on disk so that setting up is the same for both targets. The
   * entries are hard links to one file: listing reads directory entries only, and a link is made
   * many times faster than an inode on disks where inode allocation is slow (30 s for 50,000 files
   * on the machine of the recorded run, per fork and target).
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    parent = BenchDirectory.create();
    workspace = Target.open(target, parent, null);
    dir = Files.createDirectory(workspace.root().resolve("large"));
    Path onDisk = Target.TMP.equals(target) ? TmpFileSystems.unwrap(dir) : dir;
    Path first = Files.createFile(onDisk.resolve("entry-0.dat"));
    for (int i = 1; i < entries; i++) {
      Files.createLink(onDisk.resolve("entry-" + i + ".dat"), first);
    }
  }

  /** Deletes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    workspace.close();
    BenchDirectory.delete(parent);
  }

  /**
   * Lists the directory.
   *
   * @param bh sink for the listed paths
   * @return how many entries were listed
   */
  @Benchmark
  public int list(Blackhole bh) throws IOException {
    int count = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        bh.consume(entry);
        count++;
      }
    }
    return count;
  }
}
