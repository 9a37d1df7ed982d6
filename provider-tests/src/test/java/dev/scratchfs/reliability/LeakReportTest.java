package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.LogRecords;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code close()} reports about handles left open, in each {@code leaks} mode. */
class LeakReportTest {
  @TempDir Path dir;

  /** One handle of every kind, left open; the open stream keeps its channel reachable. */
  private static final class Handles {
    final List<Object> all = new ArrayList<>();
    SeekableByteChannel byteChannel;
    FileChannel fileChannel;
    AsynchronousFileChannel asyncChannel;
    InputStream in;
    OutputStream out;
    DirectoryStream<Path> dirStream;
    WatchService watcher;

    Handles open(FileSystem fs) throws IOException {
      Path d = Files.createDirectories(fs.getPath("/d"));
      Files.writeString(d.resolve("in.txt"), "input");
      byteChannel = Files.newByteChannel(d.resolve("byte.bin"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
      fileChannel = FileChannel.open(d.resolve("file.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      asyncChannel = AsynchronousFileChannel.open(d.resolve("async.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      in = Files.newInputStream(d.resolve("in.txt"));
      out = Files.newOutputStream(d.resolve("out.txt"));
      dirStream = Files.newDirectoryStream(d);
      watcher = fs.newWatchService();
      all.addAll(List.of(byteChannel, fileChannel, asyncChannel, in, out, dirStream, watcher));
      return this;
    }

    void assertAllClosed() {
      assertFalse(byteChannel.isOpen());
      assertFalse(fileChannel.isOpen());
      assertFalse(asyncChannel.isOpen());
      assertThrows(IOException.class, () -> in.read());
      assertThrows(IOException.class, () -> out.write(1));
      assertThrows(IllegalStateException.class, () -> dirStream.iterator());
      assertThrows(ClosedWatchServiceException.class, () -> watcher.poll());
    }
  }

  private static final List<String> EXPECTED = List.of(
      "byte channel /d/byte.bin", "file channel /d/file.bin",
      "asynchronous file channel /d/async.bin", "input stream /d/in.txt",
      "output stream /d/out.txt", "directory stream /d", "watch service /");

  @Test
  void failModeClosesDeletesThenThrowsNamingEveryHandleAndWhereItWasOpened() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
    Handles h = new Handles().open(fs);

    LeakedHandlesException e = assertThrows(LeakedHandlesException.class, fs::close);

    h.assertAllClosed();
    assertFalse(fs.isOpen());
    assertEquals(List.of(), list(dir), "the tree is deleted before the report is thrown");
    assertEquals(EXPECTED.size(), e.handles().size(), e.getMessage());
    String site = LeakReportTest.class.getName() + "$Handles.open(LeakReportTest.java:";
    for (String expected : EXPECTED) {
      assertTrue(
          e.handles().stream().anyMatch(l -> l.startsWith(expected + ", opened at " + site)),
          () -> expected + " missing in " + e.handles());
      assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
    assertEquals(EXPECTED.size(), e.getSuppressed().length, "each opening stack is attached");
    assertEquals(h, h); // keeps the handles reachable until here
  }

  @Test
  void closeModeClosesThemAndLogsOneWarning() throws Exception {
    try (LogRecords logged = LogRecords.capture()) {
      FileSystem fs = java.nio.file.FileSystems.newFileSystem(URI_TMP, Map.of("dir", dir, "leaks", "close"));
      Handles h = new Handles().open(fs);
      fs.close();
      h.assertAllClosed();
      assertEquals(List.of(), list(dir));
      assertEquals(1, logged.all().size(), "one warning for all the handles");
      LogRecord r = logged.all().get(0);
      assertEquals(Level.WARNING, r.getLevel());
      for (String expected : EXPECTED) {
        assertTrue(r.getMessage().contains(expected + ", opened at "), r.getMessage());
      }
      assertInstanceOf(LeakedHandlesException.class, r.getThrown());
    }
  }

  @Test
  void warnIsCloseAndIgnoreStaysSilent() throws Exception {
    try (LogRecords logged = LogRecords.capture()) {
      FileSystem ignoring = TmpFileSystems.builder().dir(dir).build();
      Handles h1 = new Handles().open(ignoring);
      ignoring.close();
      h1.assertAllClosed();
      assertEquals(0, logged.all().size());

      FileSystem warning = TmpFileSystems.builder().dir(dir).leaks("WARN").build();
      Handles h2 = new Handles().open(warning);
      warning.close();
      h2.assertAllClosed();
      assertEquals(1, logged.all().size());
      assertEquals(List.of(), list(dir));
    }
  }

  @Test
  void handlesClosedByTheirOwnerAreNotReported() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).leaks("fail").build();
    Handles h = new Handles().open(fs);
    for (Object o : h.all) {
      ((Closeable) o).close();
    }
    FileChannel left = FileChannel.open(fs.getPath("/d/left.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    LeakedHandlesException e = assertThrows(LeakedHandlesException.class, fs::close);
    assertEquals(1, e.handles().size(), e.getMessage());
    assertTrue(e.handles().get(0).startsWith("file channel /d/left.bin, opened at "), e.getMessage());
    assertThrows(ClosedChannelException.class, () -> left.write(java.nio.ByteBuffer.allocate(1)));
    assertTrue(h.all.stream().noneMatch(o -> o instanceof Channel && ((Channel) o).isOpen()));
  }

  private static final java.net.URI URI_TMP = java.net.URI.create("tmp:/");

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.collect(Collectors.toList());
    }
  }
}
