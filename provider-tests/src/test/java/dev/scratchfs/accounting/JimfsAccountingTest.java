package dev.scratchfs.accounting;

import static dev.scratchfs.accounting.Usage.assertCountedIsOnDisk;
import static dev.scratchfs.accounting.Usage.counted;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accounting by inode over jimfs, a delegate that ignores {@code DELETE_ON_CLOSE} (so a scratch
 * file system removes the name itself when the channel closes) and whose secure directory streams
 * and file keys are its own: the same figures as over the default file system, compared with a walk
 * of the jimfs tree that counts each file once.
 */
class JimfsAccountingTest {
  private FileSystem jimfs;
  private FileSystem fs;

  @BeforeEach
  void scratchOverJimfs() throws IOException {
    jimfs = Jimfs.newFileSystem(Configuration.unix());
    Path base = Files.createDirectory(jimfs.getPath("/tmp"));
    fs = TmpFileSystems.builder().dir(base).quota(10_000).build();
  }

  @AfterEach
  void closeBoth() throws IOException {
    fs.close();
    jimfs.close();
  }

  @Test
  void deleteOnCloseGivesTheBytesBackOnceTheNameIsRemovedAtClose() throws IOException {
    Path f = fs.getPath("/f");
    try (SeekableByteChannel ch = Files.newByteChannel(f, CREATE_NEW, WRITE, DELETE_ON_CLOSE)) {
      ch.write(ByteBuffer.allocate(2_000));
      assertEquals(2_000, counted(fs), "held by its name and its channel");
      assertCountedIsOnDisk(fs, "while the DELETE_ON_CLOSE channel is open");
    }
    assertFalse(Files.exists(f));
    assertEquals(0, counted(fs));
    assertCountedIsOnDisk(fs, "after the DELETE_ON_CLOSE channel closed");
  }

  @Test
  void deleteOnCloseOfOneOfTwoNamesKeepsTheFileCounted() throws IOException {
    Path a = Files.write(fs.getPath("/a"), new byte[3_000]);
    Path b = Files.createLink(fs.getPath("/b"), a);
    try (SeekableByteChannel ch = Files.newByteChannel(a, WRITE, DELETE_ON_CLOSE)) {
      ch.position(3_000).write(ByteBuffer.allocate(500));
    }
    assertFalse(Files.exists(a));
    assertEquals(3_500, Files.size(b));
    assertCountedIsOnDisk(fs, "after DELETE_ON_CLOSE of /a while /b remains");
    Files.delete(b);
    assertEquals(0, counted(fs));
  }

  @Test
  void aFileDeletedWhileOpenStaysCountedUntilItsChannelCloses() throws IOException {
    Path f = fs.getPath("/f");
    try (SeekableByteChannel ch = Files.newByteChannel(f, CREATE_NEW, WRITE)) {
      ch.write(ByteBuffer.allocate(1_000));
      Files.delete(f);
      ch.write(ByteBuffer.allocate(1_500));
      assertEquals(2_500, counted(fs), "jimfs keeps the file while the channel is open");
    }
    assertEquals(0, counted(fs));
    assertCountedIsOnDisk(fs, "after the channel closed");
  }

  @Test
  void aSecureStreamDeletesAndCountsTheFileItReallyDeletes() throws IOException {
    Path d = Files.createDirectory(fs.getPath("/d"));
    Files.write(d.resolve("f"), new byte[1_000]);
    DirectoryStream<Path> opened = Files.newDirectoryStream(d);
    assertInstanceOf(SecureDirectoryStream.class, opened, "precondition: jimfs offers one");
    try (SecureDirectoryStream<Path> stream = (SecureDirectoryStream<Path>) opened) {
      Files.move(d, fs.getPath("/e"));
      Files.createDirectory(d);
      Files.write(d.resolve("f"), new byte[4_000]);
      stream.deleteFile(fs.getPath("f"));
      assertFalse(Files.exists(fs.getPath("/e/f")), "precondition: the stream deleted /e/f");
      assertCountedIsOnDisk(fs, "after deleteFile(f) through the moved stream");
      assertEquals(4_000, counted(fs));
    }
  }
}
