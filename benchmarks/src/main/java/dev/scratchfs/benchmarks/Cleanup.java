package dev.scratchfs.benchmarks;

import com.google.common.io.MoreFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Deletes a tree of empty files, built afresh before every single measured call: closing a {@code
 * tmp:} file system that holds it, Guava's {@link MoreFiles#deleteRecursively} of a temporary
 * directory holding it, or {@code rm -rf} run as a process. The subclasses fix the tree size, so
 * that each size gets its own iteration counts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public abstract class Cleanup {
  /** The target that closes a {@code tmp:} file system. */
  static final String CLOSE = "tmpClose";

  /** The target that deletes with Guava. */
  static final String GUAVA = "deleteRecursively";

  /** The target that runs {@code rm -rf}. */
  static final String RM = "rmRf";

  private static final int FILES_PER_DIRECTORY = 100;

  @Param({CLOSE, GUAVA, RM})
  public String target;

  private Path parent;
  private FileSystem scratch;
  private Path tree;

  /**
   * Returns how many files the tree holds.
   *
   * @return a multiple of 100
   */
  abstract int files();

  /** Makes the benchmark directory. */
  @Setup(Level.Trial)
  public void setUpTrial() throws IOException {
    parent = BenchDirectory.create();
  }

  /** Deletes the benchmark directory and whatever a failed call left. */
  @TearDown(Level.Trial)
  public void tearDownTrial() throws IOException {
    if (scratch != null && scratch.isOpen()) {
      scratch.close();
    }
    BenchDirectory.delete(parent);
  }

  /**
   * Builds the tree: {@code files() / 100} directories of 100 empty files, written straight to the
   * disk (through {@link TmpFileSystems#unwrap} for the {@code tmp:} side) so that setting up is
   * the same for every target. Then runs {@code sync}, so that every measured deletion starts with
   * the tree's creation written out, not competing with its write-back.
   */
  @Setup(Level.Invocation)
  public void buildTree() throws IOException, InterruptedException {
    if (CLOSE.equals(target)) {
      scratch = TmpFileSystems.builder().dir(parent).build();
      tree = TmpFileSystems.unwrap(scratch.getPath("/"));
    } else {
      tree = Files.createTempDirectory(parent, "tree");
    }
    for (int d = 0; d < files() / FILES_PER_DIRECTORY; d++) {
      Path dir = Files.createDirectory(tree.resolve("d" + d));
      for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
        Files.createFile(dir.resolve("f" + f));
      }
    }
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  /**
   * Deletes the tree.
   *
   * @return the deleted tree's path
   */
  @Benchmark
  public Path cleanup() throws IOException, InterruptedException {
    switch (target) {
      case CLOSE:
        scratch.close();
        break;
      case GUAVA:
        MoreFiles.deleteRecursively(tree);
        break;
      case RM:
        int exit = new ProcessBuilder("rm", "-rf", tree.toString()).inheritIO().start().waitFor();
        if (exit != 0) {
          throw new IOException("rm -rf exited with " + exit);
        }
        break;
      default:
        throw new IllegalArgumentException(target);
    }
    return tree;
  }
}
