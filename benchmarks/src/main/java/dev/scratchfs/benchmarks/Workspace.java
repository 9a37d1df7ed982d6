package dev.scratchfs.benchmarks;

import com.google.common.io.MoreFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private working directory, made either the usual way (a temporary directory, deleted
 * recursively with Guava) or as a {@code tmp:} scratch file system (closed), in the same parent
 * directory. The two are what each comparison sets side by side.
 */
abstract class Workspace implements Closeable {
  /** The benchmark parameter value for a temporary directory deleted with Guava. */
  static final String PLAIN = "plain";

  /** The benchmark parameter value for a {@code tmp:} scratch file system. */
  static final String SCRATCH = "scratch";

  /**
   * Returns the directory to work in.
   *
   * @return an empty directory at first
   */
  abstract Path root();

  /**
   * Opens a workspace.
   *
   * @param kind {@link #PLAIN} or {@link #SCRATCH}
   * @param parent the directory to make it in, of any file system
   * @return the open workspace
   * @throws IOException if it cannot be made
   */
  static Workspace open(String kind, Path parent) throws IOException {
    switch (kind) {
      case PLAIN:
        return new Plain(Files.createTempDirectory(parent, "ws"));
      case SCRATCH:
        return new Scratch(TmpFileSystems.builder().dir(parent).build());
      default:
        throw new IllegalArgumentException("unknown workspace kind: " + kind);
    }
  }

  private static final class Plain extends Workspace {
    private final Path dir;

    Plain(Path dir) {
      this.dir = dir;
    }

    @Override
    Path root() {
      return dir;
    }

    @Override
    public void close() throws IOException {
      MoreFiles.deleteRecursively(dir);
    }
  }

  private static final class Scratch extends Workspace {
    private final FileSystem fs;
    private final Path root;

    Scratch(FileSystem fs) {
      this.fs = fs;
      this.root = fs.getPath("/");
    }

    @Override
    Path root() {
      return root;
    }

    @Override
    public void close() throws IOException {
      fs.close();
    }
  }
}
