package dev.scratchfs.accounting;

import static dev.scratchfs.accounting.Usage.assertCountedIsOnDisk;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 2: hard links. One file with two names holds its bytes once, until its last name
 * is gone; each figure is compared with a walk of the disk that counts each inode once.
 *
 * <p>Decision: {@code Files.createLink} between two {@code tmp:} file systems is refused with a
 * plain {@link FileSystemException} naming both paths, as {@code link(2)} refuses a link across
 * mounts ({@code EXDEV}, which the default provider reports as that same plain type). Two scratch
 * file systems are private to their owners; one inode with a name in each would be shared by both,
 * counted by neither or by both, and survive the close of the one that made it. The plain type is
 * deliberate: {@code TempFile.persist} treats exactly that type as "no links here" and falls back to
 * a counted move, so persisting from one scratch file system into another keeps working.
 */
class HardLinkAccountingTest {
  @TempDir Path dir;

  private FileSystem scratch(long quota) throws IOException {
    return TmpFileSystems.builder().dir(dir).quota(quota).build();
  }

  private static long links(Path tmpPath) throws IOException {
    Path onDisk = TmpFileSystems.unwrap(tmpPath);
    return ((Number) Files.getAttribute(onDisk, "unix:nlink", NOFOLLOW_LINKS)).longValue();
  }

  @Test
  void deleteOnCloseOfOneOfTwoNamesGivesNothingBack() throws IOException {
    try (FileSystem fs = scratch(10_000)) {
      Path a = Files.write(fs.getPath("/a"), new byte[3_000]);
      Path b = Files.createLink(fs.getPath("/b"), a);
      try (SeekableByteChannel ch = Files.newByteChannel(a, WRITE, APPEND, DELETE_ON_CLOSE)) {
        ch.write(ByteBuffer.allocate(500));
      }
      assertFalse(Files.exists(a));
      assertEquals(3_500, Files.size(b), "precondition: the other name holds the file");
      assertCountedIsOnDisk(fs, "after DELETE_ON_CLOSE of /a while /b remains");
      Files.delete(b);
      assertCountedIsOnDisk(fs, "after deleting the last name");
    }
  }

  @Test
  void movingOneNameToAnotherFileSystemLeavesTheBytesCountedWhereTheOtherNameIs()
      throws IOException {
    try (FileSystem from = scratch(10_000); FileSystem to = scratch(10_000)) {
      Path f = Files.write(from.getPath("/f"), new byte[4_000]);
      Path link = Files.createLink(from.getPath("/l"), f);
      Files.move(link, to.getPath("/l"));
      assertEquals(2, links(to.getPath("/l")), "precondition: moved as the same inode");
      assertCountedIsOnDisk(from, "source, after moving /l away while /f stays");
      assertCountedIsOnDisk(to, "target, after /l arrived");
      Files.delete(f);
      assertCountedIsOnDisk(from, "source, after deleting /f");
      assertCountedIsOnDisk(to, "target, after the source deleted its name");
      Files.delete(to.getPath("/l"));
      assertCountedIsOnDisk(to, "target, after deleting the last name");
    }
  }

  @Test
  void movingADirectoryHoldingOneNameLeavesTheBytesCountedWhereTheOtherNameIs()
      throws IOException {
    try (FileSystem from = scratch(10_000); FileSystem to = scratch(10_000)) {
      Path f = Files.write(from.getPath("/f"), new byte[4_000]);
      Path d = Files.createDirectories(from.getPath("/d/e"));
      Files.createLink(d.resolve("l"), f);
      Files.move(from.getPath("/d"), to.getPath("/d"));
      assertEquals(2, links(to.getPath("/d/e/l")), "precondition: moved as the same inode");
      assertCountedIsOnDisk(from, "source, after moving /d (holding /d/e/l) away");
      assertCountedIsOnDisk(to, "target, after /d arrived");
    }
  }

  /** Both names travel together: the target holds the file once, so it fits a 6,000-byte quota. */
  @Test
  void movingADirectoryHoldingBothNamesCountsTheFileOnce() throws IOException {
    try (FileSystem from = scratch(10_000); FileSystem to = scratch(6_000)) {
      Path d = Files.createDirectory(from.getPath("/d"));
      Path f = Files.write(d.resolve("f"), new byte[4_000]);
      Files.createLink(d.resolve("l"), f);
      assertCountedIsOnDisk(from, "source, before");
      Files.move(d, to.getPath("/d"));
      assertCountedIsOnDisk(from, "source, after moving /d away");
      assertCountedIsOnDisk(to, "target, after /d arrived");
    }
  }

  @Test
  void createLinkBetweenTwoFileSystemsIsRefusedAndChangesNothing() throws IOException {
    try (FileSystem a = scratch(10_000); FileSystem b = scratch(10_000)) {
      Path existing = Files.write(a.getPath("/f"), new byte[4_000]);
      Path link = b.getPath("/l");
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> Files.createLink(link, existing));
      assertEquals(FileSystemException.class, e.getClass(), "the plain type, as for EXDEV: " + e);
      assertEquals("/l", e.getFile(), e.toString());
      assertEquals("/f", e.getOtherFile(), e.toString());
      assertFalse(Files.exists(link, NOFOLLOW_LINKS));
      assertFalse(Files.exists(TmpFileSystems.unwrap(link), NOFOLLOW_LINKS));
      assertEquals(1, links(existing));
      assertCountedIsOnDisk(a, "the existing file's file system");
      assertCountedIsOnDisk(b, "the refused link's file system");
    }
  }

  /** The refusal above must not break {@code persist} between scratch file systems: it moves. */
  @Test
  void persistingIntoAnotherFileSystemMovesTheBytesThere() throws IOException {
    try (FileSystem a = scratch(10_000); FileSystem b = scratch(10_000)) {
      Path kept;
      try (TempFile file = TempFiles.namedTemporaryFile(".txt", null, a.getPath("/"), true)) {
        file.write(ByteBuffer.wrap("x".repeat(3_000).getBytes(UTF_8)));
        kept = file.persist(b.getPath("/kept.txt"));
      }
      assertEquals("x".repeat(3_000), Files.readString(kept));
      assertEquals(1, links(kept));
      assertCountedIsOnDisk(a, "the file system the temporary file was made in");
      assertCountedIsOnDisk(b, "the file system it was persisted into");
    }
  }

  /** Locks chosen by name let two names of one file race each other's size checks. */
  @Test
  void twoNamesOfOneFileWrittenConcurrentlyDoNotDrift() throws Exception {
    try (FileSystem fs = scratch(4L << 20)) {
      Path a = Files.createFile(fs.getPath("/a"));
      Path b = Files.createLink(fs.getPath("/b"), a);
      int writers = 2;
      int writes = 2_000;
      CyclicBarrier start = new CyclicBarrier(writers);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (Path name : List.of(a, b)) {
          done.add(pool.submit(() -> {
            try (FileChannel ch = FileChannel.open(name, WRITE, APPEND)) {
              start.await(10, TimeUnit.SECONDS);
              for (int i = 0; i < writes; i++) {
                ch.write(ByteBuffer.allocate(100));
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(writers * writes * 100L, Files.size(a), "precondition: every append landed");
      assertCountedIsOnDisk(fs, "after two threads appended through two names of one file");
      assertTrue(Files.deleteIfExists(a) && Files.deleteIfExists(b));
      assertCountedIsOnDisk(fs, "after deleting both names");
    }
  }
}
