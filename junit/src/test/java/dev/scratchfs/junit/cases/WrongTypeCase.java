package dev.scratchfs.junit.cases;

import dev.scratchfs.junit.ScratchDir;
import java.io.File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class WrongTypeCase {
  @Test
  void asksForAFile(@ScratchDir File dir) {
    Seen.fact("ran", dir);
  }
}
