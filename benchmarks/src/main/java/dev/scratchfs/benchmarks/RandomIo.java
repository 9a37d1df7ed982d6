package dev.scratchfs.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
 * 4 KiB positional reads and writes at random block offsets of a 64 MiB file, through a channel
 * opened on the target's path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RandomIo {
  private static final int BLOCK = 4096;
  private static final int BLOCKS = 64 * 1024 * 1024 / BLOCK;
  private static final int OFFSETS = 1 << 16;

  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  private Path dir;
  private Workspace workspace;
  private FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
  private final long[] offsets = new long[OFFSETS];
  private int next;

  /** Creates and fills the file, and opens it. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchDirectory.create();
    workspace = Target.open(target, dir, null);
    Path file = workspace.root().resolve("random.bin");
    channel = FileChannel.open(file, CREATE_NEW, READ, WRITE);
    ByteBuffer fill = ByteBuffer.allocateDirect(1 << 20);
    for (int i = 0; i < 64; i++) {
      fill.clear();
      while (fill.hasRemaining()) {
        channel.write(fill);
      }
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < OFFSETS; i++) {
      offsets[i] = (long) random.nextInt(BLOCKS) * BLOCK;
    }
  }

  /** Closes the file and deletes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    channel.close();
    workspace.close();
    BenchDirectory.delete(dir);
  }

  private long nextOffset() {
    next = (next + 1) & (OFFSETS - 1);
    return offsets[next];
  }

  /**
   * Reads one block.
   *
   * @return the number of bytes read
   */
  @Benchmark
  public int read() throws IOException {
    buffer.clear();
    return channel.read(buffer, nextOffset());
  }

  /**
   * Writes one block.
   *
   * @return the number of bytes written
   */
  @Benchmark
  public int write() throws IOException {
    buffer.clear();
    return channel.write(buffer, nextOffset());
  }
}
