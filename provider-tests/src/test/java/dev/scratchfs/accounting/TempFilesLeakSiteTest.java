package dev.scratchfs.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.SpooledTempFile;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.LogRecords;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 7: a leak report names the line of the caller's code that opened the handle. For
 * handles that {@code TempFiles} opens on the caller's behalf that is the line calling {@code
 * TempFiles} (or the {@code SpooledTempFile} write that rolled over), never a frame of the library.
 */
class TempFilesLeakSiteTest {
  @TempDir Path dir;

  /** Returns the frame of the line after the caller's, as leak reports print frames. */
  private static String nextLine() {
    StackTraceElement caller = new Throwable().getStackTrace()[1];
    return caller.getClassName() + "." + caller.getMethodName() + "(" + caller.getFileName() + ":"
        + (caller.getLineNumber() + 1) + ")";
  }

  private static void assertNamed(List<String> reported, List<String> sites) {
    assertEquals(sites.size(), reported.size(), "one line per leaked handle: " + reported);
    for (String site : sites) {
      assertTrue(reported.stream().anyMatch(line -> line.endsWith(", opened at " + site)),
          "no handle reported as opened at " + site + " in\n  " + String.join("\n  ", reported));
    }
  }

  @Test
  void failModeNamesTheLineThatCalledTempFiles() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
    Path root = fs.getPath("/");
    List<Object> open = new ArrayList<>();
    List<String> sites = new ArrayList<>();

    sites.add(nextLine());
    open.add(TempFiles.mkstemp(".a", null, root));
    sites.add(nextLine());
    open.add(TempFiles.namedTemporaryFile(".b", null, root, true));
    sites.add(nextLine());
    open.add(TempFiles.namedTemporaryFile(".c", null, root, false));
    sites.add(nextLine());
    open.add(TempFiles.temporaryFile(".d", null, root));
    SpooledTempFile spool = TempFiles.spooledTemporaryFile(16, ".e", null, root);
    open.add(spool);
    sites.add(nextLine());
    spool.write(ByteBuffer.allocate(64)); // rolls over to a temporaryFile
    SpooledTempFile explicit = TempFiles.spooledTemporaryFile(0, ".f", null, root);
    open.add(explicit);
    sites.add(nextLine());
    explicit.rollover();

    LeakedHandlesException e = assertThrows(LeakedHandlesException.class, fs::close);
    assertNamed(e.handles(), sites);
    assertEquals(sites.size(), open.size()); // keeps every handle reachable until the report
  }

  @Test
  void warnModeNamesTheLineThatCalledTempFiles() throws Exception {
    try (LogRecords logged = LogRecords.capture()) {
      FileSystem fs = TmpFileSystems.builder().dir(dir).leaks("warn").build();
      String site = nextLine();
      TempFile leaked = TempFiles.mkstemp(null, null, fs.getPath("/"));
      fs.close();
      assertEquals(1, logged.all().size(), "one warning");
      LeakedHandlesException report =
          assertInstanceOf(LeakedHandlesException.class, logged.all().get(0).getThrown());
      assertNamed(report.handles(), List.of(site));
      assertTrue(logged.all().get(0).getMessage().contains(", opened at " + site),
          logged.all().get(0).getMessage());
      assertFalse(leaked.isOpen());
    }
  }
}
