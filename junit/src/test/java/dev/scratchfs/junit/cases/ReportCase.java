package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The @ScratchDir examples of docs/junit.md. */
@ExtendWith(OnlyInTestKit.class)
class ReportCase {
  @ScratchDir Path root;

  @Test
  void writesTheReport() throws IOException {
    Path report = root.resolve("report.txt");
    Files.writeString(report, "total: 3");
    assertEquals(List.of("total: 3"), Files.readAllLines(report));
  }

  @Test
  void keepsWhatAFailedTestWrote(@ScratchDir(keepOnFailure = true) Path out) throws IOException {
    Files.writeString(out.resolve("actual.txt"), "total: 4");
    Seen.onDisk("out", out);
  }

  @Test
  void mayLeaveStreamsOpen(@ScratchDir(leaks = "close") FileSystem fs) throws IOException {
    Files.newInputStream(Files.writeString(fs.getPath("/in.txt"), "never closed"));
  }
}
