package dev.scratchfs.junit.cases;

import java.io.File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OnlyInTestKit.class)
class TempDirFileCase {
  @Test
  void asksForAFile(@TempDir File dir) {
    Seen.fact("ran", dir);
  }
}
