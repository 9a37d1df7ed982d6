package dev.scratchfs.reliability;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quota: no write path of a scratch file system lets its files hold more than the quota, a
 * refused write writes nothing, and removing bytes gives room back. Checked against the real disk.
 */
class QuotaTest {
  private static final int QUOTA = 10_000;
  @TempDir Path dir;
  private FileSystem fs;
  private Path file;
  private byte[] original;

  @BeforeEach
  void nineThousandBytesUsed() throws IOException {
    fs = TmpFileSystems.builder().dir(dir).quota(QUOTA).build();
    file = fs.getPath("/f.bin");
    original = bytes(9_000, 1);
    Files.write(file, original);
  }

  @AfterEach
  void closeAndCheckNothingLeft() throws IOException {
    fs.close();
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.filter(p -> !p.getFileName().toString().startsWith("outside")).count());
    }
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private long used() throws IOException {
    FileStore store = Files.getFileStore(fs.getPath("/"));
    assertEquals(QUOTA, store.getTotalSpace());
    assertEquals(store.getUsableSpace(), store.getUnallocatedSpace());
    return store.getTotalSpace() - store.getUsableSpace();
  }

  /** The sizes of the regular files, read from the delegate directory on disk. */
  private long onDisk() throws IOException {
    long[] total = {0};
    try (Stream<Path> s = Files.walk(TmpFileSystems.unwrap(fs.getPath("/")))) {
      s.filter(Files::isRegularFile).forEach(p -> total[0] += p.toFile().length());
    }
    return total[0];
  }

  private void assertRefusedAndUnchanged(Executable write) throws IOException {
    FileSystemException e = assertThrows(FileSystemException.class, write::run);
    assertTrue(e.getMessage().contains("quota of 10000 bytes exceeded"), e.getMessage());
    assertArrayEquals(original, Files.readAllBytes(file), "a refused write writes nothing");
    assertEquals(9_000, used());
    assertEquals(9_000, onDisk());
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void byteChannelWrite() throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(file, WRITE)) {
      ch.position(9_000);
      assertRefusedAndUnchanged(() -> ch.write(ByteBuffer.wrap(new byte[1_001])));
      assertEquals(1_000, ch.write(ByteBuffer.wrap(new byte[1_000])));
    }
    assertEquals(QUOTA, used());
    assertEquals(QUOTA, onDisk());
  }

  @Test
  void overwritingInsideTheFileNeedsNoRoom() throws IOException {
    Files.write(fs.getPath("/g.bin"), new byte[1_000]);
    assertEquals(QUOTA, used());
    try (FileChannel ch = FileChannel.open(file, WRITE)) {
      assertEquals(9_000, ch.write(ByteBuffer.wrap(new byte[9_000])));
      assertThrows(FileSystemException.class, () -> ch.write(ByteBuffer.wrap(new byte[1])));
    }
    assertEquals(QUOTA, onDisk());
  }

  @Test
  void gatheringWrite() throws IOException {
    try (FileChannel ch = FileChannel.open(file, WRITE, APPEND)) {
      ByteBuffer[] bufs = {ByteBuffer.allocate(600), ByteBuffer.allocate(401)};
      assertRefusedAndUnchanged(() -> ch.write(bufs));
      assertEquals(600, bufs[0].remaining(), "no byte was taken from the buffers");
      assertEquals(1_000, ch.write(new ByteBuffer[] {ByteBuffer.allocate(600), ByteBuffer.allocate(400)}));
    }
    assertEquals(QUOTA, onDisk());
  }

  @Test
  void positionalWritePastTheEndCountsTheHole() throws IOException {
    try (FileChannel ch = FileChannel.open(file, WRITE)) {
      assertRefusedAndUnchanged(() -> ch.write(ByteBuffer.wrap(new byte[] {7}), 10_000));
      assertEquals(1, ch.write(ByteBuffer.wrap(new byte[] {7}), 9_999));
    }
    assertEquals(QUOTA, Files.size(file));
    assertEquals(QUOTA, used());
  }

  @Test
  void appendingOutputStream() throws IOException {
    try (OutputStream out = Files.newOutputStream(file, APPEND)) {
      assertRefusedAndUnchanged(() -> out.write(new byte[1_001]));
      out.write(new byte[1_000]);
    }
    assertRefusedAndUnchanged2(() -> Files.write(fs.getPath("/more"), new byte[1]));
  }

  private void assertRefusedAndUnchanged2(Executable write) throws IOException {
    FileSystemException e = assertThrows(FileSystemException.class, write::run);
    assertTrue(e.getMessage().contains("quota"), e.getMessage());
    assertEquals(QUOTA, onDisk());
  }

  @Test
  void transferFromAFileIsAllOrNothing() throws IOException {
    Path outside = Files.write(dir.resolve("outside-src"), bytes(1_001, 2));
    try (FileChannel src = FileChannel.open(outside, READ);
        FileChannel ch = FileChannel.open(file, WRITE)) {
      assertRefusedAndUnchanged(() -> ch.transferFrom(src, 9_000, Long.MAX_VALUE));
      src.position(1);
      assertEquals(1_000, ch.transferFrom(src, 9_000, Long.MAX_VALUE));
    }
    byte[] all = Files.readAllBytes(file);
    assertEquals(QUOTA, all.length);
    assertEquals(bytes(1_001, 2)[1], all[9_000]);
    assertEquals(QUOTA, used());
  }

  @Test
  void transferFromAStreamIsUndoneWhenTheSourceHasMore() throws IOException {
    try (FileChannel ch = FileChannel.open(file, WRITE)) {
      assertRefusedAndUnchanged(
          () -> ch.transferFrom(Channels.newChannel(new ByteArrayInputStream(new byte[1_001])), 9_000, 5_000));
      assertEquals(1_000,
          ch.transferFrom(Channels.newChannel(new ByteArrayInputStream(new byte[1_000])), 9_000, 5_000));
    }
    assertEquals(QUOTA, onDisk());
  }

  @Test
  void asynchronousWrite() throws Exception {
    try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(file, WRITE)) {
      Future<Integer> refused = ch.write(ByteBuffer.wrap(new byte[1_001]), 9_000);
      ExecutionException e = assertThrows(ExecutionException.class, refused::get);
      assertInstanceOf(FileSystemException.class, e.getCause());
      assertArrayEquals(original, Files.readAllBytes(file));
      assertEquals(1_000, ch.write(ByteBuffer.wrap(new byte[1_000]), 9_000).get());
    }
    assertEquals(QUOTA, onDisk());
    assertEquals(QUOTA, used());
  }

  @Test
  void mappingForWritingCountsTheExtension() throws IOException {
    try (FileChannel ch = FileChannel.open(file, READ, WRITE)) {
      assertRefusedAndUnchanged(() -> ch.map(FileChannel.MapMode.READ_WRITE, 0, 10_001));
      ch.map(FileChannel.MapMode.READ_WRITE, 0, 10_000).put(9_999, (byte) 5);
    }
    assertEquals(QUOTA, onDisk());
    assertEquals(QUOTA, used());
  }

  @Test
  void copiesWithinAndFromOutside() throws IOException {
    Files.write(file, new byte[4_000]); // TRUNCATE_EXISTING gives the 9000 back first
    original = Files.readAllBytes(file);
    assertEquals(4_000, used());
    Files.copy(file, fs.getPath("/copy1"));
    assertEquals(8_000, used());
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> Files.copy(file, fs.getPath("/copy2")));
    assertTrue(e.getMessage().contains("quota"), e.getMessage());
    assertFalse(Files.exists(fs.getPath("/copy2")));
    Files.copy(file, fs.getPath("/copy1"), StandardCopyOption.REPLACE_EXISTING);
    assertEquals(8_000, used());

    Path outside = Files.write(dir.resolve("outside-big"), new byte[3_000]);
    assertThrows(FileSystemException.class, () -> Files.copy(outside, fs.getPath("/from-outside")));
    assertTrue(onDisk() <= QUOTA);
    assertEquals(onDisk(), used());
    Files.deleteIfExists(fs.getPath("/from-outside"));
    Files.delete(fs.getPath("/copy1"));
    Files.copy(outside, fs.getPath("/from-outside"));
    assertEquals(7_000, used());
    assertEquals(7_000, onDisk());
  }

  @Test
  void deletingTruncatingAndOverwritingGiveRoomBack() throws IOException {
    try (FileChannel ch = FileChannel.open(file, WRITE)) {
      ch.truncate(1_000);
    }
    assertEquals(1_000, used());
    Files.write(file, new byte[9_500]);
    assertEquals(9_500, used());
    try (SeekableByteChannel ch = Files.newByteChannel(file, WRITE, TRUNCATE_EXISTING)) {
      assertEquals(0, used());
      ch.write(ByteBuffer.allocate(2_000));
    }
    Path sub = Files.createDirectories(fs.getPath("/a/b"));
    Files.write(sub.resolve("x"), new byte[3_000]);
    assertEquals(5_000, used());
    MoreFiles.deleteRecursively(fs.getPath("/a")); // through secure directory streams
    assertEquals(2_000, used());
    Files.delete(file);
    assertEquals(0, used());
    assertEquals(0, onDisk());
    Files.write(fs.getPath("/full"), new byte[QUOTA]);
    assertEquals(QUOTA, used());
  }

  @Test
  void hardLinksAreCountedOnce() throws IOException {
    Path link = fs.getPath("/link");
    Files.createLink(link, file);
    assertEquals(9_000, used());
    Files.delete(file);
    assertEquals(9_000, used(), "the bytes are still held by the other name");
    Files.delete(link);
    assertEquals(0, used());
  }

  @Test
  void movesBetweenFileSystemsMoveTheCount() throws IOException {
    try (FileSystem small = TmpFileSystems.builder().dir(dir).quota(5_000).build();
        FileSystem large = TmpFileSystems.builder().dir(dir).quota("10KiB").build()) {
      Path dirWithFile = Files.createDirectory(fs.getPath("/tree"));
      Files.move(file, dirWithFile.resolve("f.bin"));
      assertEquals(9_000, used());
      assertThrows(FileSystemException.class, () -> Files.move(dirWithFile, small.getPath("/tree")));
      assertEquals(9_000, used());
      Files.move(dirWithFile, large.getPath("/tree"));
      assertEquals(0, used());
      FileStore largeStore = Files.getFileStore(large.getPath("/"));
      assertEquals(10_240, largeStore.getTotalSpace());
      assertEquals(10_240 - 9_000, largeStore.getUsableSpace());
    }
  }

  @Test
  void concurrentWritersNeverPassTheQuota() throws Exception {
    Files.delete(file);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Path own = fs.getPath("/w" + t);
        Path shared = fs.getPath("/shared");
        results.add(pool.submit(() -> {
          int refused = 0;
          try (FileChannel mine = FileChannel.open(own, CREATE, WRITE, APPEND);
              FileChannel common = FileChannel.open(shared, CREATE, WRITE)) {
            for (int i = 0; i < 200; i++) {
              try {
                if (i % 2 == 0) {
                  mine.write(ByteBuffer.allocate(100));
                } else {
                  common.write(ByteBuffer.allocate(100), common.size());
                }
              } catch (FileSystemException full) {
                refused++;
              }
            }
          }
          return refused;
        }));
      }
      int refused = 0;
      for (Future<Integer> r : results) {
        refused += r.get();
      }
      assertTrue(refused > 0);
    } finally {
      pool.shutdown();
    }
    assertEquals(QUOTA, onDisk(), "every 100-byte write that fit was made, none past the quota");
    assertEquals(QUOTA, used());
  }

  @Test
  void withoutAQuotaTheDelegatesChannelsAreReturnedUnwrapped() throws IOException {
    try (FileSystem plain = TmpFileSystems.builder().dir(dir).build();
        FileChannel ch = FileChannel.open(plain.getPath("/x"), CREATE, WRITE);
        SeekableByteChannel bc = Files.newByteChannel(plain.getPath("/y"), CREATE, WRITE)) {
      assertEquals("sun.nio.ch.FileChannelImpl", ch.getClass().getName());
      assertEquals("sun.nio.ch.FileChannelImpl", bc.getClass().getName());
      FileStore store = Files.getFileStore(plain.getPath("/"));
      assertEquals(Files.getFileStore(dir).getTotalSpace(), store.getTotalSpace());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.5MiB", "12XB", "10 MB", "64mib", "KiB", "99999999999999999999",
      "9999999999TiB", "1\u0000", "1/0", " ", "0x10"})
  void malformedQuotaIsRefusedNamingTheOption(String bad) throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir, "quota", bad)));
    assertTrue(e.getMessage().contains("'quota'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TmpFileSystems.builder().quota(bad));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "nothing created beside the test's own scratch root");
    }
  }

  @Test
  void quotaForms() throws IOException {
    Map<Object, Long> forms = Map.of(
        512L, 512L, 7, 7L, "512", 512L, "10KiB", 10_240L, "64MiB", 64L << 20, "1GiB", 1L << 30,
        "2TiB", 2L << 40, "0", 0L, "100B", 100L, " 3 MiB ", 3L << 20);
    for (Map.Entry<Object, Long> f : forms.entrySet()) {
      try (FileSystem q = FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir, "quota", f.getKey()))) {
        assertEquals(f.getValue(), Files.getFileStore(q.getPath("/")).getTotalSpace(), "" + f.getKey());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir, "quota", -5L)));
    assertTrue(e.getMessage().contains("'quota'"));
    assertThrows(IllegalArgumentException.class,
        () -> FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir, "quota", 1.5)));
  }

  @Test
  void zeroQuotaAllowsEmptyFilesOnly() throws IOException {
    try (FileSystem zero = TmpFileSystems.builder().dir(dir).quota(0).build()) {
      Files.createFile(zero.getPath("/empty"));
      Files.createDirectory(zero.getPath("/d"));
      assertThrows(FileSystemException.class, () -> Files.writeString(zero.getPath("/d/x"), "x"));
      assertEquals(0, Files.size(zero.getPath("/d/x")));
    }
  }

  /**
   * A read-only channel keeps a deleted file on disk, so the file's bytes stay counted until it
   * closes; otherwise a reader could keep any number of deleted files on disk past the quota. The
   * channel still behaves as the delegate's (reads, read-only mappings).
   */
  @Test
  void aReadOnlyChannelKeepsADeletedFileCountedUntilItCloses() throws IOException {
    Path more = fs.getPath("/more");
    try (FileChannel reader = FileChannel.open(file, READ)) {
      Files.delete(file);
      assertEquals(0, onDisk(), "no name left");
      assertEquals(9_000, used(), "the reader still holds the file on disk");
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> Files.write(more, new byte[1_001]));
      assertTrue(e.getMessage().contains("quota of 10000 bytes exceeded"), e.getMessage());
      assertEquals(0, Files.size(more));
      ByteBuffer mapped = reader.map(FileChannel.MapMode.READ_ONLY, 0, 9_000);
      byte[] back = new byte[9_000];
      mapped.get(back);
      assertArrayEquals(original, back);
    }
    assertEquals(0, used(), "given back when the reader closed");
    Files.write(more, new byte[QUOTA]);
    assertEquals(QUOTA, used());
    assertEquals(QUOTA, onDisk());
  }
}
