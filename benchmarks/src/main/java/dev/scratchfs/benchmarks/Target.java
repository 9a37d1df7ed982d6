package dev.scratchfs.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The values of the {@code target} benchmark parameter: which file system a benchmark runs on. The
 * scratchfs side and its baseline differ in this parameter only.
 */
final class Target {
  /** The default file system, in a temporary directory of the benchmark directory. */
  static final String DEFAULT = "default";

  /** A {@code tmp:} file system made in the benchmark directory. */
  static final String TMP = "tmp";

  /** jimfs, in a temporary directory of an in-memory file system. */
  static final String JIMFS = "jimfs";

  /** A {@code tmp:} file system made in a directory of jimfs. */
  static final String TMP_OVER_JIMFS = "tmpOverJimfs";

  private Target() {}

  /**
   * Opens the workspace a target stands for.
   *
   * @param target one of the constants of this class
   * @param disk a directory of the default file system
   * @param jimfs a directory of jimfs, or null where no jimfs target is benchmarked
   * @return the open workspace
   * @throws IOException if it cannot be made
   */
  static Workspace open(String target, Path disk, Path jimfs) throws IOException {
    switch (target) {
      case DEFAULT:
        return Workspace.open(Workspace.PLAIN, disk);
      case TMP:
        return Workspace.open(Workspace.SCRATCH, disk);
      case JIMFS:
        return Workspace.open(Workspace.PLAIN, jimfs);
      case TMP_OVER_JIMFS:
        return Workspace.open(Workspace.SCRATCH, jimfs);
      default:
        throw new IllegalArgumentException("unknown target: " + target);
    }
  }
}
