package dev.scratchfs.accounting;

import static dev.scratchfs.accounting.Usage.assertCountedIsOnDisk;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 3: operations through a {@link SecureDirectoryStream} are accounted for the file
 * they really touch, which is relative to the stream's open directory, not to the path the stream
 * was opened with.
 *
 * <p>Decision: {@code move} into a stream of another {@code tmp:} file system is refused with
 * {@link ProviderMismatchException}, as the stream already refuses that file system's paths and as
 * the JDK's own stream refuses a stream it does not own. A secure stream is a handle into one
 * private file system; moving between two of them by path ({@code Files.move}) stays available, and
 * is counted in both.
 */
class SecureStreamAccountingTest {
  @TempDir Path dir;

  private FileSystem scratch(long quota) throws IOException {
    return TmpFileSystems.builder().dir(dir).quota(quota).build();
  }

  private static SecureDirectoryStream<Path> secure(Path directory) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
    assertInstanceOf(SecureDirectoryStream.class, stream, "precondition: a secure stream");
    return (SecureDirectoryStream<Path>) stream;
  }

  @Test
  void moveIntoAStreamOfAnotherFileSystemIsRefusedAndChangesNothing() throws IOException {
    try (FileSystem a = scratch(10_000); FileSystem b = scratch(1_000)) {
      Path from = Files.createDirectory(a.getPath("/from"));
      Path file = Files.write(from.resolve("f"), new byte[4_000]);
      Path into = Files.createDirectory(b.getPath("/into"));
      try (SecureDirectoryStream<Path> source = secure(from);
          SecureDirectoryStream<Path> target = secure(into)) {
        assertThrows(ProviderMismatchException.class,
            () -> source.move(a.getPath("f"), target, b.getPath("f")));
      }
      assertEquals(4_000, Files.size(file), "the file stays where it was");
      assertFalse(Files.exists(TmpFileSystems.unwrap(into.resolve("f")), NOFOLLOW_LINKS));
      assertCountedIsOnDisk(a, "source, after the refused move");
      assertCountedIsOnDisk(b, "target (quota 1000), after the refused move of 4000 bytes");
    }
  }

  /**
   * The stream's directory /d is renamed to /e and a new /d/f made: deleting {@code f} through the
   * stream deletes /e/f and must give back /e/f's bytes, not the new /d/f's.
   */
  @Test
  void deleteFileAfterTheStreamsDirectoryMovedGivesBackTheFileItDeleted() throws IOException {
    try (FileSystem fs = scratch(10_000)) {
      Path d = Files.createDirectory(fs.getPath("/d"));
      Files.write(d.resolve("f"), new byte[1_000]);
      Files.write(d.resolve("g"), new byte[500]);
      try (SecureDirectoryStream<Path> stream = secure(d)) {
        Files.move(d, fs.getPath("/e"));
        Files.createDirectory(d);
        Files.write(d.resolve("f"), new byte[3_000]);
        assertCountedIsOnDisk(fs, "before");

        stream.deleteFile(fs.getPath("f"));
        assertFalse(Files.exists(fs.getPath("/e/f")), "precondition: the stream deleted /e/f");
        assertEquals(3_000, Files.size(d.resolve("f")));
        assertCountedIsOnDisk(fs, "after deleteFile(f) through the moved stream (a new /d/f exists)");

        stream.deleteFile(fs.getPath("g"));
        assertFalse(Files.exists(fs.getPath("/e/g")), "precondition: the stream deleted /e/g");
        assertCountedIsOnDisk(fs, "after deleteFile(g) through the moved stream (no /d/g exists)");
      }
    }
  }

  /** The same for {@code TRUNCATE_EXISTING}, and for the writes through the channel it opens. */
  @Test
  void truncateThroughTheStreamAfterItsDirectoryMovedAccountsForTheFileItTruncated()
      throws IOException {
    try (FileSystem fs = scratch(10_000)) {
      Path d = Files.createDirectory(fs.getPath("/d"));
      Files.write(d.resolve("f"), new byte[1_000]);
      try (SecureDirectoryStream<Path> stream = secure(d)) {
        Files.move(d, fs.getPath("/e"));
        Files.createDirectory(d);
        byte[] other = new byte[3_000];
        other[0] = 9;
        Files.write(d.resolve("f"), other);

        try (SeekableByteChannel ch =
            stream.newByteChannel(fs.getPath("f"), Set.of(WRITE, TRUNCATE_EXISTING))) {
          assertEquals(0, Files.size(fs.getPath("/e/f")), "precondition: /e/f was truncated");
          assertCountedIsOnDisk(fs, "after TRUNCATE_EXISTING of f through the moved stream");
          ch.write(ByteBuffer.allocate(2_000));
        }
        assertArrayEquals(other, Files.readAllBytes(d.resolve("f")), "the new /d/f is untouched");
        assertCountedIsOnDisk(fs, "after writing 2000 bytes through that channel");
        assertEquals(2_000, Files.size(fs.getPath("/e/f")));
      }
    }
  }
}
