package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a suite relies on from JUnit's own @TempDir, run with scratchfs.tempdir=disk. */
@ExtendWith(OnlyInTestKit.class)
class DiskModeCase {
  @TempDir Path dir;

  @Test
  void behavesLikeJUnitsOwnTempDir(@TempDir File file) throws IOException {
    Seen.fact("default file system", dir.getFileSystem() == FileSystems.getDefault());
    // The string and toFile() name the directory itself, for java.io and external programs.
    try (Writer out = new FileWriter(new File(dir.toString(), "by-string.txt"))) {
      out.write("string");
    }
    assertEquals("string", Files.readString(dir.toFile().toPath().resolve("by-string.txt")));
    Files.writeString(file.toPath().resolve("b.txt"), "b");
    Seen.plain("path", dir);
    Seen.plain("file", file.toPath());
    Seen.mode("path mode", dir);
    Seen.mode("file mode", file.toPath());
    Seen.mode("container mode", dir.getParent().getParent());
    Seen.mode("written mode", dir.resolve("by-string.txt"));
  }

  @Test
  void handlesLeftOpenAreNotTracked() throws IOException {
    Path held = Files.writeString(dir.resolve("held.txt"), "held");
    @SuppressWarnings("resource") // left open on purpose: disk mode does not track handles
    InputStream open = new FileInputStream(held.toFile());
    Seen.fact("read from held", (char) open.read());
    Seen.plain("held dir", dir);
  }
}
