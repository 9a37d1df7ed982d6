package dev.scratchfs.junit.cases;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OnlyInTestKit.class)
class LeakingCase {
  @ScratchDir Path root;

  @Test
  void leavesAChannelAndAStreamOpen() throws IOException {
    Seen.onDisk("root", root);
    FileChannel.open(root.resolve("held.bin"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    Files.newOutputStream(root.resolve("out.txt")).write('x');
  }
}
