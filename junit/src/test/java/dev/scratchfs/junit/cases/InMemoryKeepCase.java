package dev.scratchfs.junit.cases;

import dev.scratchfs.junit.ScratchDir;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class InMemoryKeepCase {
  @Test
  void asksForBoth(@ScratchDir(inMemory = true, keepOnFailure = true) Path root) {
    Seen.fact("ran", root);
  }
}
