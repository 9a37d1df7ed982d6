package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults: a full delegate, a full quota, and a cleanup that meets an entry it cannot delete. */
class FaultTest {
  @TempDir Path dir;

  private static final int CHUNK = 4_096;

  private static byte[] chunk(int i) {
    byte[] b = new byte[CHUNK];
    new Random(i).nextBytes(b);
    return b;
  }

  /**
   * Writes chunks to {@code /a} until a write fails, then checks that every acknowledged chunk is
   * there, and that the file system is still usable after a deletion.
   */
  private static void fillThenRecover(FileSystem fs) throws IOException {
    Path a = fs.getPath("/a");
    List<byte[]> acknowledged = new ArrayList<>();
    IOException full = null;
    try (OutputStream out = Files.newOutputStream(a)) {
      for (int i = 0; i < 10_000; i++) {
        byte[] c = chunk(i);
        try {
          out.write(c);
        } catch (IOException e) {
          full = e;
          break;
        }
        acknowledged.add(c);
      }
    } catch (IOException closeAfterFull) {
      // The stream's close has nothing left to flush: a failure here would be a bug below.
      throw closeAfterFull;
    }
    assertTrue(full != null, "the storage never filled up");
    assertTrue(acknowledged.size() > 10);
    byte[] back = Files.readAllBytes(a);
    assertTrue(back.length >= acknowledged.size() * CHUNK);
    for (int i = 0; i < acknowledged.size(); i++) {
      byte[] part = new byte[CHUNK];
      System.arraycopy(back, i * CHUNK, part, 0, CHUNK);
      assertArrayEquals(acknowledged.get(i), part, "acknowledged chunk " + i + " lost");
    }
    Files.delete(a);
    Files.write(fs.getPath("/b"), chunk(-1));
    assertArrayEquals(chunk(-1), Files.readAllBytes(fs.getPath("/b")));
  }

  @Test
  void fullDelegateFailsTheWriteKeepsAcknowledgedBytesAndRecovers() throws IOException {
    try (FileSystem jimfs =
        Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(1 << 20).build())) {
      Path base = Files.createDirectory(jimfs.getPath("/tmp"));
      FileSystem fs = TmpFileSystems.builder().dir(base).build();
      fillThenRecover(fs);
      fs.close();
      try (Stream<Path> s = Files.list(base)) {
        assertEquals(0, s.count());
      }
    }
  }

  @Test
  void fullQuotaFailsTheWriteKeepsAcknowledgedBytesAndRecovers() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(dir).quota("1MiB").build();
    fillThenRecover(fs);
    fs.close();
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void fullDelegateAndQuotaTogether() throws IOException {
    try (FileSystem jimfs =
        Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(2 << 20).build())) {
      Path base = Files.createDirectory(jimfs.getPath("/tmp"));
      // Another tenant fills most of the disk: the delegate's error comes before the quota's.
      Path filler = Files.write(jimfs.getPath("/filler"), new byte[3 << 19]);
      FileSystem fs = TmpFileSystems.builder().dir(base).quota("1MiB").build();
      fillThenRecover(fs);
      Files.delete(filler);
      // Now the quota binds. If the failed write's reservation had been kept, or a deletion not
      // counted, the quota would stop the writes early.
      Path c = fs.getPath("/c");
      IOException refused = null;
      try (OutputStream out = Files.newOutputStream(c)) {
        for (int i = 0; i < 1_000; i++) {
          out.write(chunk(i));
        }
      } catch (IOException e) {
        refused = e;
      }
      assertTrue(refused != null && refused.getMessage().contains("quota"), String.valueOf(refused));
      assertEquals(1 << 20, Files.size(c) + Files.size(fs.getPath("/b")));
      assertEquals(0, Files.getFileStore(fs.getPath("/")).getUsableSpace());
      fs.close();
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue();
  }

  /**
   * An immutable file ({@code chattr +i}) cannot be deleted even by root: the cleanup reports it,
   * with its {@code tmp:} path (never the hidden one on disk), and deletes everything else it can.
   * What is left waits, beside its unlocked lock file, in a container renamed for deletion, which
   * {@code reap()} removes once the file can go.
   */
  @Test
  void undeletableEntryIsReportedNotSwallowed() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).build();
    Files.createDirectory(fs.getPath("/keep"));
    Files.writeString(fs.getPath("/keep/stuck.txt"), "immutable");
    Files.writeString(fs.getPath("/other.txt"), "goes");
    Path real = TmpFileSystems.unwrap(fs.getPath("/keep/stuck.txt"));
    Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    int chattr = run("chattr", "+i", real.toString());
    assertEquals(0, chattr, "chattr +i must work here (ext4 as root) for this test to mean anything");
    Path stuck = null;
    try {
      IOException e = assertThrows(IOException.class, fs::close);
      assertTrue(e.getMessage().contains(fs + "keep/stuck.txt"), e.getMessage());
      assertFalse(e.getMessage().contains(container.getFileName().toString()), e.getMessage());
      assertTrue(e.getMessage().startsWith("could not delete"), e.getMessage());
      assertFalse(fs.isOpen());
      assertFalse(Files.exists(container), "renamed for deletion");
      List<Path> left;
      try (Stream<Path> s = Files.list(dir)) {
        left = s.toList();
      }
      assertEquals(1, left.size(), left.toString());
      Path tombstone = left.get(0);
      assertTrue(tombstone.getFileName().toString().startsWith(".scratchfs-del-"), left.toString());
      assertFalse(Files.exists(tombstone.resolve("root/other.txt")), "the rest was deleted");
      stuck = tombstone.resolve("root/keep/stuck.txt");
      assertTrue(Files.exists(stuck));
    } finally {
      // Wherever the file ended up: an immutable file would outlive the test's directory.
      assertEquals(0, run("chattr", "-R", "-i", dir.toString()));
    }
    // Once the file can go, reap() finishes the job: the lock was released, root/ is still there.
    assertEquals(List.of(stuck.getParent().getParent().getParent()), TmpFileSystems.reap(dir));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }
}
