package dev.scratchfs.accounting;

import static dev.scratchfs.accounting.Usage.assertCountedIsOnDisk;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 1: growth the quota never sees. Every test compares the file system's own figure
 * with a walk of the disk ({@link Usage}).
 */
class UnseenGrowthTest {
  @TempDir Path dir;

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /**
   * The JDK lengthens the file to {@code position + size} for a mapping of any mode when the
   * channel can write, {@code READ_ONLY} included; that growth is a write like any other.
   */
  @Test
  void readOnlyMappingOfAWritableChannelCountsTheGrowth() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).quota("1MiB").build()) {
      Path file = Files.write(fs.getPath("/f.bin"), bytes(1_000));
      try (FileChannel ch = FileChannel.open(file, READ, WRITE)) {
        ch.map(MapMode.READ_ONLY, 0, 300_000);
      }
      assertEquals(300_000, Files.size(file), "precondition: the JDK extended the file");
      assertCountedIsOnDisk(fs, "after map(READ_ONLY, 0, 300000) on a READ+WRITE channel");
    }
  }

  /** A read-only mapping that would lengthen the file past the quota is refused. */
  @Test
  void readOnlyMappingPastTheQuotaIsRefused() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).quota("1MiB").build()) {
      byte[] original = bytes(1_000);
      Path file = Files.write(fs.getPath("/f.bin"), original);
      try (FileChannel ch = FileChannel.open(file, READ, WRITE)) {
        FileSystemException e = assertThrows(FileSystemException.class,
            () -> ch.map(MapMode.READ_ONLY, 0, 64L << 20),
            "64 MiB mapped read-only under a 1 MiB quota");
        assertTrue(e.getMessage().contains("quota"), e.getMessage());
      }
      assertArrayEquals(original, Files.readAllBytes(file), "a refused mapping extends nothing");
      assertCountedIsOnDisk(fs, "after the refused map(READ_ONLY, 0, 64 MiB)");
    }
  }

  /**
   * A {@code FileChannel} source is not necessarily the JDK's: one whose {@code size()} says it is
   * empty while it still delivers a megabyte must not get past a 10,000-byte quota. As for any
   * source of unknown length (README, Quota), the transfer is undone and refused; a lying source
   * that does fit is counted.
   */
  @Test
  void transferFromASourceWhoseSizeLiesStopsAtTheQuota() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).quota(10_000).build()) {
      byte[] original = bytes(9_000);
      Path file = Files.write(fs.getPath("/f.bin"), original);
      try (FileChannel ch = FileChannel.open(file, WRITE);
          FileChannel src = new LyingFileChannel(1 << 20)) {
        FileSystemException e = assertThrows(FileSystemException.class,
            () -> ch.transferFrom(src, 9_000, 1 << 20));
        assertTrue(e.getMessage().contains("quota"), e.getMessage());
      }
      assertArrayEquals(original, Files.readAllBytes(file), "the file's length is restored");
      assertCountedIsOnDisk(fs, "after the refused transfer");

      try (FileChannel ch = FileChannel.open(file, WRITE);
          FileChannel src = new LyingFileChannel(800)) {
        assertEquals(800, ch.transferFrom(src, 9_000, 5_000));
      }
      assertEquals(9_800, Files.size(file));
      assertCountedIsOnDisk(fs, "after a lying transfer that fits");
    }
  }
}
