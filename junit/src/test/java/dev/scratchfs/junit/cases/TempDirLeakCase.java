package dev.scratchfs.junit.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OnlyInTestKit.class)
class TempDirLeakCase {
  @TempDir Path dir;

  @Test
  void leavesAByteChannelOpen() throws IOException {
    Seen.onDisk("tempdir", dir);
    Files.newByteChannel(Files.writeString(dir.resolve("open.txt"), "still open"));
  }
}
