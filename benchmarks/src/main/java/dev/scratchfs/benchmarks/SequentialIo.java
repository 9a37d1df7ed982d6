package dev.scratchfs.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

/** Writes 64 MiB in 64 KiB chunks, then reads them back, through a channel and through streams. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SequentialIo {
  private static final int CHUNK = 64 * 1024;
  private static final int CHUNKS = 1024;

  @Param({Target.DEFAULT, Target.TMP})
  public String target;

  private Path dir;
  private Workspace workspace;
  private Path file;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
  private final byte[] bytes = new byte[CHUNK];

  /** Opens the workspace under test. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchDirectory.create();
    workspace = Target.open(target, dir, null);
    file = workspace.root().resolve("sequential.bin");
    for (int i = 0; i < CHUNK; i++) {
      bytes[i] = (byte) i;
      buffer.put(i, (byte) i);
    }
  }

  /** Deletes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    workspace.close();
    BenchDirectory.delete(dir);
  }

  /**
   * Writes and reads back the file through one {@link FileChannel}.
   *
   * @return the number of bytes read
   */
  @Benchmark
  public long channel() throws IOException {
    long read = 0;
    try (FileChannel ch = FileChannel.open(file, CREATE, TRUNCATE_EXISTING, WRITE, READ)) {
      for (int i = 0; i < CHUNKS; i++) {
        buffer.clear();
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
      }
      ch.position(0);
      for (int n; (n = readChunk(ch)) > 0; ) {
        read += n;
      }
    }
    return read;
  }

  private int readChunk(FileChannel ch) throws IOException {
    buffer.clear();
    return ch.read(buffer);
  }

  /**
   * Writes the file through {@link Files#newOutputStream}, then reads it through {@link
   * Files#newInputStream}.
   *
   * @return the number of bytes read
   */
  @Benchmark
  public long stream() throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < CHUNKS; i++) {
        out.write(bytes);
      }
    }
    long read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(bytes)) > 0; ) {
        read += n;
      }
    }
    return read;
  }
}
