package dev.scratchfs.junit.cases;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.junit.ScratchDir;
import java.nio.file.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class DelegateCase {
  @ScratchDir FileSystem fs;

  @Test
  void recordsWhereTheFilesLive() {
    Seen.fact("delegate scheme",
        TmpFileSystems.unwrap(fs.getPath("/")).getFileSystem().provider().getScheme());
  }
}
