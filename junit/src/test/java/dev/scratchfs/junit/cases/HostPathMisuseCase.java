package dev.scratchfs.junit.cases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Records the string of a tmp: {@code @TempDir}, which code may wrongly hand to java.io. */
@ExtendWith(OnlyInTestKit.class)
class HostPathMisuseCase {
  @TempDir Path dir;

  @Test
  void recordsItsString() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "a");
    Seen.fact("string", dir.toString());
    Seen.fact("uri", dir.toUri());
    Seen.onDisk("tempdir", dir);
    Seen.onDisk("root", dir.getRoot());
  }
}
