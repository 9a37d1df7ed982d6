package dev.scratchfs.confinement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red-team findings: exceptions that name the hidden on-disk location of a scratch root (SPEC
 * §2.4: no exception message reveals where a root is on disk). The whole stack trace is searched,
 * causes and suppressed exceptions included, for the container's random name.
 */
@Tag("issue10")
class RevealingExceptionsTest {
  @TempDir Path testDir;

  private static String trace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String containerName(FileSystem fs) {
    return TmpFileSystems.unwrap(fs.getPath("/")).getParent().getFileName().toString();
  }

  /**
   * {@code Files.createLink} between two {@code tmp:} file systems whose delegates are of different
   * providers (the default file system and jimfs) hands the delegate paths of both to the delegate,
   * which refuses the foreign one naming its full on-disk path.
   */
  @Test
  void hardLinkAcrossDelegatesDoesNotNameTheHiddenRoot() throws Exception {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem onDisk = TmpFileSystems.builder().dir(testDir).build();
        FileSystem inMemory =
            TmpFileSystems.builder().dir(Files.createDirectory(jimfs.getPath("/tmp"))).build()) {
      Path existing = Files.writeString(onDisk.getPath("/file"), "x");
      Exception e = assertThrows(Exception.class,
          () -> Files.createLink(inMemory.getPath("/link"), existing));
      assertFalse(trace(e).contains(containerName(onDisk)),
          "names " + TmpFileSystems.unwrap(onDisk.getPath("/")) + ":\n" + trace(e));
      Path inMemoryFile = Files.writeString(inMemory.getPath("/f"), "x");
      Exception back = assertThrows(Exception.class,
          () -> Files.createLink(onDisk.getPath("/link"), inMemoryFile));
      assertFalse(trace(back).contains(containerName(inMemory)),
          "names " + TmpFileSystems.unwrap(inMemory.getPath("/")) + ":\n" + trace(back));
    }
  }
}
