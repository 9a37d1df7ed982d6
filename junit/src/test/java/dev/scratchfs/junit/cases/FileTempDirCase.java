package dev.scratchfs.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every place a {@code @TempDir File} can be: a static field, an instance field, a parameter. */
@ExtendWith(OnlyInTestKit.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileTempDirCase {
  @TempDir static File shared;

  @TempDir File field;

  @Test
  @Order(1)
  void writesThroughJavaIo(@TempDir File parameter) throws IOException {
    for (File dir : new File[] {shared, field, parameter}) {
      assertTrue(dir.isAbsolute() && dir.isDirectory(), dir.toString());
      try (Writer out = new FileWriter(new File(dir, "written.txt"))) {
        out.write("by java.io");
      }
      assertEquals("by java.io", Files.readString(dir.toPath().resolve("written.txt")));
    }
    Seen.plain("shared", shared.toPath());
    Seen.plain("field", field.toPath());
    Seen.plain("parameter", parameter.toPath());
    Seen.mode("field mode", field.toPath());
    Seen.mode("parameter mode", parameter.toPath());
    Seen.mode("shared mode", shared.toPath());
    Seen.mode("field container mode", field.toPath().getParent().getParent());
    Seen.mode("file mode", field.toPath().resolve("written.txt"));
  }

  @Test
  @Order(2)
  void theStaticOneLastsForTheClass() {
    assertTrue(new File(shared, "written.txt").isFile(), "written by the first test");
    assertTrue(Files.notExists(Seen.path("field")), "the first test's field directory is gone");
    assertTrue(Files.notExists(Seen.path("parameter")), "and its parameter directory");
    Seen.plain("second field", field.toPath());
  }
}
