package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** A class-wide @TempDir with ON_SUCCESS, and one of the class's tests fails. */
@ExtendWith(OnlyInTestKit.class)
class StaticOnSuccessCase {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) static Path shared;

  @Test
  void failsAfterWriting() throws IOException {
    Files.writeString(shared.resolve("evidence.txt"), "class-wide");
    Seen.onDisk("shared", shared);
    fail("deliberate failure");
  }
}
