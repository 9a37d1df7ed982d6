package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class FieldAndParameterCase {
  @ScratchDir Path root;

  @Test
  void fieldIsTheRootOfAFreshScratchFileSystem() throws IOException {
    assertEquals("tmp", root.getFileSystem().provider().getScheme());
    assertEquals("/", root.toString());
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(List.of(), entries.toList());
    }
    Files.writeString(root.resolve("a.txt"), "a");
    Path onDisk = Seen.onDisk("field", root);
    Seen.fact("field mode", PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk)));
    Seen.fact("container mode",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk.getParent())));
    Seen.fact("file mode", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(onDisk.resolve("a.txt"))));
  }

  @Test
  void parameterGetsAFileSystemOfItsOwn(@ScratchDir FileSystem fs) throws IOException {
    assertNotSame(root.getFileSystem(), fs);
    Files.writeString(fs.getPath("/b.txt"), "b");
    Seen.onDisk("parameter", fs.getPath("/"));
    Seen.onDisk("field beside parameter", root);
  }
}
