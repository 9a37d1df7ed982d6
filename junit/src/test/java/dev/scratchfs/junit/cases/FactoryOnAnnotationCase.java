package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchfs.junit.ScratchTempDirFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OnlyInTestKit.class)
class FactoryOnAnnotationCase {
  @TempDir(factory = ScratchTempDirFactory.class)
  Path dir;

  @Test
  void tempDirIsInAScratchFileSystem() throws IOException {
    assertEquals("tmp", dir.getFileSystem().provider().getScheme());
    Files.createDirectories(dir.resolve("sub/deeper"));
    Files.writeString(dir.resolve("sub/deeper/file.txt"), "x");
    Path onDisk = Seen.onDisk("tempdir", dir);
    Seen.onDisk("root", dir.getRoot());
    Seen.fact("tempdir mode", mode(onDisk));
    Seen.fact("root mode", mode(onDisk.getParent()));
    Seen.fact("sub mode", mode(onDisk.resolve("sub/deeper")));
    Seen.fact("file mode", mode(onDisk.resolve("sub/deeper/file.txt")));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
