package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchfs.TempDirectory;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens when a name cannot be removed. An append-only directory ({@code chattr +a}, honoured
 * even for root) allows creating entries but not removing them; the tests run only where {@code
 * chattr} works on the temp directory, and always clear the flag again.
 */
class AppendOnlyTest {
  private static void appendOnly(Path dir, boolean on) throws IOException, InterruptedException {
    Process chattr;
    try {
      chattr =
          new ProcessBuilder("chattr", on ? "+a" : "-a", dir.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException noChattr) {
      assumeTrue(false, "chattr is not available: " + noChattr);
      return;
    }
    String out = new String(chattr.getInputStream().readAllBytes(), UTF_8);
    assertTrue(chattr.waitFor(30, TimeUnit.SECONDS));
    if (on) {
      assumeTrue(chattr.exitValue() == 0, "append-only directories unsupported here: " + out);
    } else {
      assertEquals(0, chattr.exitValue(), out);
    }
  }

  @Test
  void aTemporaryFileWhoseNameCannotBeRemovedKeepsItUntilClose(@TempDir Path tmp)
      throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("append-only"));
    appendOnly(dir, true);
    TempFile file;
    try {
      file = TempFiles.temporaryFile(".t", "kept", dir);
      assertTrue(file.isNamed(), "the name could not be removed, so the file keeps it");
      assertTrue(file.deletesOnClose());
      assertEquals(dir, file.path().getParent());
      assertEquals(Set.of(file.path().getFileName().toString()), Place.names(dir));
      file.write(ByteBuffer.wrap("data".getBytes(UTF_8)));
      assertEquals("data", Files.readString(file.path()));
    } finally {
      appendOnly(dir, false);
    }
    file.close();
    assertEquals(Set.of(), Place.names(dir), "close removes the name it had to keep");
  }

  @Test
  void aTreeThatCannotBeRemovedIsReportedAndCloseCanBeRetried(@TempDir Path tmp)
      throws Exception {
    TempDirectory temp = TempFiles.temporaryDirectory(null, "stuck", tmp);
    Path stuck = Files.createDirectory(temp.path().resolve("stuck"));
    Path file = Files.writeString(stuck.resolve("file"), "x");
    Files.writeString(temp.path().resolve("free"), "y");
    appendOnly(stuck, true);
    try {
      IOException e = assertThrows(IOException.class, temp::close);
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(Files.exists(file));
    } finally {
      appendOnly(stuck, false);
    }
    temp.close();
    assertFalse(Files.exists(temp.path()));
    assertEquals(Set.of(), Place.names(tmp));
  }
}
