package dev.scratchfs.junit.cases;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class InheritedFileTempDirCase extends TempDirFileBase {
  @Test
  void usesTheInheritedDirectory() throws IOException {
    File data = new File(baseDir, "data.txt");
    Files.writeString(data.toPath(), "inherited");
    Seen.plain("inherited", baseDir.toPath());
    Seen.mode("inherited mode", baseDir.toPath());
  }
}
