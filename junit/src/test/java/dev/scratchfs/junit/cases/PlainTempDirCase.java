package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OnlyInTestKit.class)
class PlainTempDirCase {
  @TempDir Path dir;

  @Test
  void usesTempDirs(@TempDir Path other) throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(other.resolve("b.txt"), "b");
    Seen.fact("field scheme", dir.getFileSystem().provider().getScheme());
    Seen.fact("parameter scheme", other.getFileSystem().provider().getScheme());
    if (dir.getFileSystem().provider().getScheme().equals(TmpFileSystems.SCHEME)) {
      assertNotSame(dir.getFileSystem(), other.getFileSystem());
      Seen.onDisk("field", dir);
      Seen.onDisk("parameter", other);
    }
  }
}
