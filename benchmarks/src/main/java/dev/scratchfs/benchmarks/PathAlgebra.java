package dev.scratchfs.benchmarks;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
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
 * Pure path operations, no disk access: {@code tmp:} paths against the default provider's and
 * jimfs's. Inputs come from fields, so the JIT cannot fold them into constants.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
public class PathAlgebra {
  @Param({Target.DEFAULT, Target.TMP, Target.JIMFS})
  public String target;

  private Path dir;
  private FileSystem fs;

  public String pathString = "/home/user/project/src/main/java/Example.java";
  public String childName = "Child.java";
  private Path base;
  private Path relative;
  private Path unnormalized;
  private Path other;
  private Path copyOfBase;

  /** Opens the file system whose paths are measured. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    switch (target) {
      case Target.DEFAULT:
        fs = FileSystems.getDefault();
        break;
      case Target.TMP:
        dir = BenchDirectory.create();
        fs = TmpFileSystems.builder().dir(dir).build();
        break;
      case Target.JIMFS:
        fs = BenchDirectory.newJimfs();
        break;
      default:
        throw new IllegalArgumentException(target);
    }
    base = fs.getPath("/home/user/project");
    relative = fs.getPath("src/main/java/Example.java");
    unnormalized = fs.getPath("/home/user/./project/src/../build/classes/../../src/Example.java");
    other = fs.getPath("/home/user/other/docs/readme.txt");
    copyOfBase = fs.getPath("/home/user/project");
  }

  /** Closes the file system. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (fs != FileSystems.getDefault()) {
      fs.close();
    }
    BenchDirectory.delete(dir);
  }

  /**
   * Parses a path string.
   *
   * @return the path
   */
  @Benchmark
  public Path getPath() {
    return fs.getPath(pathString);
  }

  /**
   * Resolves a relative path against an absolute one.
   *
   * @return the result
   */
  @Benchmark
  public Path resolve() {
    return base.resolve(relative);
  }

  /**
   * Removes {@code .} and {@code ..} names.
   *
   * @return the normalized path
   */
  @Benchmark
  public Path normalize() {
    return unnormalized.normalize();
  }

  /**
   * Computes the relative path from one absolute path to another.
   *
   * @return the relative path
   */
  @Benchmark
  public Path relativize() {
    return base.relativize(other);
  }

  /**
   * Resolves a name and turns the new path into its string, as when a path is logged or handed
   * on (a string cached by an earlier call would measure nothing).
   *
   * @return the string
   */
  @Benchmark
  public String resolveToString() {
    return base.resolve(childName).toString();
  }

  /**
   * Compares two equal, distinct paths, one unequal pair, and hashes.
   *
   * @param bh sink for the results
   */
  @Benchmark
  public void equalsHashCode(Blackhole bh) {
    bh.consume(base.equals(copyOfBase));
    bh.consume(base.equals(other));
    bh.consume(base.hashCode());
    bh.consume(copyOfBase.hashCode());
  }
}
