package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class KeepOnFailureCase {
  @ScratchDir(keepOnFailure = true) Path root;

  @Test
  void failsAfterWriting() throws IOException {
    Files.createDirectory(root.resolve("logs"));
    Files.writeString(root.resolve("logs/evidence.txt"), "what went wrong");
    Seen.onDisk("failing", root);
    fail("deliberate failure");
  }

  @Test
  void passes() throws IOException {
    Files.writeString(root.resolve("ok.txt"), "fine");
    Seen.onDisk("passing", root);
  }
}
