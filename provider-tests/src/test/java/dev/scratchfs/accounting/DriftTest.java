package dev.scratchfs.accounting;

import static dev.scratchfs.accounting.Usage.assertCountedIsOnDisk;
import static dev.scratchfs.accounting.Usage.counted;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.SpooledTempFile;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 4: the count must not drift from what the disk holds. Bytes written to a file
 * whose last name is already gone live on disk until its last handle closes; they come back then,
 * exactly once.
 */
class DriftTest {
  /** A quota that a leak of a few hundred kilobytes over the loops below would exhaust. */
  private static final long QUOTA = 64 * 1024;

  private static final int ROUNDS = 100;

  @TempDir Path dir;

  private FileSystem scratch() throws IOException {
    return TmpFileSystems.builder().dir(dir).quota(QUOTA).build();
  }

  @Test
  void copyingAFileOntoItselfChargesNothing() throws IOException {
    try (FileSystem fs = scratch()) {
      Path a = Files.write(fs.getPath("/a"), new byte[10_000]);
      Files.copy(a, a);
      assertCountedIsOnDisk(fs, "after Files.copy(a, a)");
      Files.copy(a, a, StandardCopyOption.REPLACE_EXISTING);
      assertCountedIsOnDisk(fs, "after Files.copy(a, a, REPLACE_EXISTING)");
      Files.copy(a, fs.getPath("/./a"), StandardCopyOption.REPLACE_EXISTING);
      assertCountedIsOnDisk(fs, "after Files.copy(a, /./a, REPLACE_EXISTING)");
    }
  }

  @Test
  void bytesWrittenAfterTheLastNameWasDeletedComeBackWhenTheHandleCloses() throws IOException {
    try (FileSystem fs = scratch()) {
      Path f = fs.getPath("/f");
      try (FileChannel ch = FileChannel.open(f, CREATE_NEW, WRITE)) {
        ch.write(ByteBuffer.allocate(1_000));
        Files.delete(f);
        ch.write(ByteBuffer.allocate(2_000));
        assertTrue(counted(fs) <= 3_000, "never more than the file holds: " + counted(fs));
      }
      assertCountedIsOnDisk(fs, "after closing the only handle of the deleted file");
      assertEquals(0, counted(fs));
    }
  }

  @Test
  void twoHandlesOfADeletedFileGiveItsBytesBackOnceWhenTheLastCloses() throws IOException {
    try (FileSystem fs = scratch()) {
      Path f = fs.getPath("/f");
      Files.write(fs.getPath("/other"), new byte[700]);
      FileChannel first = FileChannel.open(f, CREATE_NEW, WRITE);
      try (FileChannel second = FileChannel.open(f, WRITE)) {
        first.write(ByteBuffer.allocate(1_000));
        Files.delete(f);
        second.write(ByteBuffer.allocate(3_000), 1_000);
        first.close();
      }
      assertCountedIsOnDisk(fs, "after both handles of the deleted file closed");
      assertEquals(700, counted(fs));
    }
  }

  @Test
  void temporaryFilesDoNotFillAQuotaFileSystem() throws IOException {
    try (FileSystem fs = scratch()) {
      for (int i = 0; i < ROUNDS; i++) {
        try (TempFile file = TempFiles.temporaryFile(null, null, fs.getPath("/"))) {
          assertFalse(file.isNamed(), "precondition: the name is gone at once");
          file.write(ByteBuffer.allocate(4_096));
        }
        assertEquals(0, counted(fs), "after temporaryFile number " + (i + 1) + " was closed");
      }
      assertCountedIsOnDisk(fs, "after " + ROUNDS + " temporary files");
    }
  }

  @Test
  void rolledOverSpooledFilesDoNotFillAQuotaFileSystem() throws IOException {
    try (FileSystem fs = scratch()) {
      for (int i = 0; i < ROUNDS; i++) {
        try (SpooledTempFile spool =
            TempFiles.spooledTemporaryFile(1_024, null, null, fs.getPath("/"))) {
          spool.write(ByteBuffer.allocate(4_096));
          assertTrue(spool.rolledOver(), "precondition: on disk");
        }
        assertEquals(0, counted(fs), "after spooled file number " + (i + 1) + " was closed");
      }
      assertCountedIsOnDisk(fs, "after " + ROUNDS + " rolled-over spooled files");
    }
  }
}
