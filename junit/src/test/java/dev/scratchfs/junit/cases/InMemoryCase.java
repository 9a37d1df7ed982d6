package dev.scratchfs.junit.cases;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class InMemoryCase {
  @Test
  void filesLiveInJimfs(@ScratchDir(inMemory = true) FileSystem fs) throws IOException {
    Path file = Files.writeString(fs.getPath("/data.txt"), "in memory");
    Path delegate = TmpFileSystems.unwrap(file);
    Seen.fact("delegate scheme", delegate.getFileSystem().provider().getScheme());
    Seen.fact("delegate content", Files.readString(delegate));
    Seen.fact("file mode", PosixFilePermissions.toString(Files.getPosixFilePermissions(delegate)));
    Seen.fact("root mode", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(TmpFileSystems.unwrap(fs.getPath("/")))));
  }
}
