package dev.scratchfs.tempfile;

import dev.scratchfs.TempFiles;
import java.nio.file.Path;

/**
 * Points {@link TempFiles#gettempdir()} at a test's own directory for the duration of a block, so that
 * the no-argument forms never write to the real temporary directory; closing forgets the override
 * (the next call searches again, as at start-up).
 */
final class TempDirOverride implements AutoCloseable {
  private TempDirOverride() {}

  static TempDirOverride pointAt(Path dir) {
    TempFiles.settempdir(dir);
    return new TempDirOverride();
  }

  @Override
  public void close() {
    TempFiles.settempdir(null);
  }
}
