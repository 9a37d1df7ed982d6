package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The "before" of the jimfs recipe in docs/junit.md. */
@ExtendWith(OnlyInTestKit.class)
class JimfsStyleCase {
  private FileSystem fs;

  @BeforeEach
  void createFileSystem() {
    fs = Jimfs.newFileSystem(Configuration.unix());
  }

  @AfterEach
  void closeFileSystem() throws IOException {
    fs.close();
  }

  @Test
  void backsUpTheConfig() throws IOException {
    Path config = Files.writeString(fs.getPath("/app.conf"), "port=8080");
    Files.copy(config, fs.getPath("/app.conf.bak"));
    assertEquals("port=8080", Files.readString(fs.getPath("/app.conf.bak")));
  }
}
