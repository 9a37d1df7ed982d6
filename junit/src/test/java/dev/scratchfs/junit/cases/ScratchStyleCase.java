package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchfs.junit.ScratchDir;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The "after" of the jimfs recipe in docs/junit.md. */
@ExtendWith(OnlyInTestKit.class)
class ScratchStyleCase {
  // example: recipe-jimfs
  @ScratchDir FileSystem fs;

  @Test
  void backsUpTheConfig() throws IOException {
    Path config = Files.writeString(fs.getPath("/app.conf"), "port=8080");
    Files.copy(config, fs.getPath("/app.conf.bak"));
    assertEquals("port=8080", Files.readString(fs.getPath("/app.conf.bak")));
  }
  // end example

  /** Runs before the extension closes the file system: records where it lived, for the checks. */
  @AfterEach
  void recordWhereItLived() {
    Seen.onDisk("root", fs.getPath("/"));
  }
}
