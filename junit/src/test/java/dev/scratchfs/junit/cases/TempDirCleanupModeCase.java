package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchfs.junit.ScratchTempDirFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OnlyInTestKit.class)
class TempDirCleanupModeCase {
  @Test
  void onSuccessFailing(
      @TempDir(factory = ScratchTempDirFactory.class, cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws IOException {
    Files.writeString(dir.resolve("evidence.txt"), "failing");
    Seen.onDisk("on success, failing", dir);
    fail("deliberate failure");
  }

  @Test
  void onSuccessPassing(
      @TempDir(factory = ScratchTempDirFactory.class, cleanup = CleanupMode.ON_SUCCESS) Path dir)
      throws IOException {
    Files.writeString(dir.resolve("evidence.txt"), "passing");
    Seen.onDisk("on success, passing", dir);
  }

  @Test
  void neverOnDisk(
      @TempDir(factory = ScratchTempDirFactory.class, cleanup = CleanupMode.NEVER) File dir)
      throws IOException {
    Files.writeString(dir.toPath().resolve("evidence.txt"), "never, on disk");
    Seen.plain("never, on disk", dir.toPath());
  }

  @Test
  void never(@TempDir(factory = ScratchTempDirFactory.class, cleanup = CleanupMode.NEVER) Path dir)
      throws IOException {
    Files.writeString(dir.resolve("evidence.txt"), "never");
    Seen.onDisk("never", dir);
  }
}
