package dev.scratchfs.junit.cases;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class LeaksClosedCase {
  @Test
  void leavesAStreamOpen(@ScratchDir(leaks = "close") Path root) throws IOException {
    Seen.onDisk("root", root);
    Files.newInputStream(Files.writeString(root.resolve("in.txt"), "in"));
  }
}
