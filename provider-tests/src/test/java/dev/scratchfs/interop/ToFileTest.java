package dev.scratchfs.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toFile()} of a {@code tmp:} path: over the default file system it is the delegate's own
 * file, inside the private root, so {@code java.io} code reads and writes what NIO code sees; its
 * {@code toPath()} is that default-file-system path. Over jimfs there is no file to give.
 */
class ToFileTest {
  @TempDir Path testDir;

  @Test
  void theFileIsTheOneOnDiskAndJavaIoSeesWhatNioWrote() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build()) {
      Path p = Files.writeString(fs.getPath("/data.txt"), "from nio");
      File file = p.toFile();
      assertTrue(file.isAbsolute(), file.toString());
      assertEquals(TmpFileSystems.unwrap(p), file.toPath());
      assertTrue(file.toPath().startsWith(testDir), "inside the container in " + testDir);
      assertEquals("from nio", new String(java.nio.file.Files.readAllBytes(file.toPath()), UTF_8));
      try (FileOutputStream out = new FileOutputStream(file, true)) {
        out.write(" and io".getBytes(UTF_8));
      }
      assertEquals("from nio and io", Files.readString(p));
      try (RandomAccessFile raf = new RandomAccessFile(fs.getPath("/raf.bin").toFile(), "rw")) {
        raf.write(new byte[] {1, 2, 3});
      }
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(fs.getPath("/raf.bin")));
    }
  }

  @Test
  void aFileCreatedThroughJavaIoInAScratchDirectoryIsDeletedWithTheFileSystem()
      throws IOException {
    Path onDisk;
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build()) {
      Path dir = Files.createDirectory(fs.getPath("/out"));
      File child = new File(dir.toFile(), "written-by-io.txt");
      assertTrue(child.createNewFile());
      onDisk = child.toPath();
      assertTrue(Files.exists(fs.getPath("/out/written-by-io.txt")));
      assertEquals("rwx------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.toFile().toPath())));
    }
    assertFalse(Files.exists(onDisk));
    try (var left = Files.list(testDir)) {
      assertEquals(0, left.count(), "the container is gone");
    }
  }

  @Test
  void relativeAndDotDotPathsGiveFilesInsideTheRoot() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build()) {
      Path root = TmpFileSystems.unwrap(fs.getPath("/"));
      assertEquals(root.resolve("a/b"), fs.getPath("a/b").toFile().toPath());
      assertEquals(root, fs.getPath("/../../..").toFile().toPath());
      assertEquals(root.resolve("etc"), fs.getPath("/../../etc").toFile().toPath());
    }
  }

  @Test
  void overJimfsThereIsNoFile() throws IOException {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem fs = TmpFileSystems.builder().dir(jimfs.getPath("/")).build()) {
      Path p = Files.writeString(fs.getPath("/x"), "x");
      assertThrows(UnsupportedOperationException.class, p::toFile);
    }
  }

  @Test
  void aClosedFileSystemGivesNoFile() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
    Path p = fs.getPath("/x");
    fs.close();
    assertThrows(ClosedFileSystemException.class, p::toFile);
  }
}
