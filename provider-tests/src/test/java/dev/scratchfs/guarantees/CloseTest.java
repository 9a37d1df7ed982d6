package dev.scratchfs.guarantees;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} closes every handle, deletes the container (read-only parts included) and leaves
 * a file system on which every operation throws {@link ClosedFileSystemException}; with {@code
 * cleanup=false} the tree stays.
 */
class CloseTest {
  @TempDir Path testDir;

  @Test
  void closeDeletesTheContainerWithEverythingInIt() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
    Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    Files.createDirectories(fs.getPath("/a/b/c"));
    Files.writeString(fs.getPath("/a/b/c/f"), "x");
    Files.writeString(fs.getPath("/.hidden"), "y");
    Files.createSymbolicLink(fs.getPath("/a/link"), fs.getPath("/a/b"));
    assertEquals(Set.of(container.getFileName().toString()), Disk.names(testDir));
    fs.close();
    assertFalse(Files.exists(container, LinkOption.NOFOLLOW_LINKS));
    assertEquals(Set.of(), Disk.names(testDir));
    assertFalse(fs.isOpen());
    fs.close(); // idempotent
    assertEquals(Set.of(), Disk.names(testDir));
  }

  @Test
  void everyOperationAfterCloseThrowsClosedFileSystemException() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
    Path file = Files.writeString(fs.getPath("/f"), "x");
    Path dir = Files.createDirectory(fs.getPath("/d"));
    Path missing = fs.getPath("/missing");
    Path relative = fs.getPath("f");
    fs.close();
    Map<String, Executable> ops = new LinkedHashMap<>();
    ops.put("newByteChannel", () -> Files.newByteChannel(file));
    ops.put("newByteChannel CREATE_NEW", () -> Files.newByteChannel(missing, CREATE_NEW, WRITE));
    ops.put("FileChannel.open", () -> FileChannel.open(file, READ));
    ops.put("AsynchronousFileChannel.open", () -> AsynchronousFileChannel.open(file, READ));
    ops.put("newInputStream", () -> Files.newInputStream(file));
    ops.put("newOutputStream", () -> Files.newOutputStream(missing));
    ops.put("readString", () -> Files.readString(file));
    ops.put("writeString", () -> Files.writeString(missing, "x"));
    ops.put("createFile", () -> Files.createFile(missing));
    ops.put("createDirectory", () -> Files.createDirectory(missing));
    ops.put("createDirectories", () -> Files.createDirectories(fs.getPath("/x/y")));
    ops.put("createTempFile", () -> Files.createTempFile(dir, "a", "b"));
    ops.put("createTempDirectory", () -> Files.createTempDirectory(dir, "a"));
    ops.put("createSymbolicLink", () -> Files.createSymbolicLink(missing, file));
    ops.put("createLink", () -> Files.createLink(missing, file));
    ops.put("delete", () -> Files.delete(file));
    ops.put("deleteIfExists", () -> Files.deleteIfExists(file));
    ops.put("copy", () -> Files.copy(file, missing));
    ops.put("move", () -> Files.move(file, missing));
    ops.put("readSymbolicLink", () -> Files.readSymbolicLink(file));
    ops.put("newDirectoryStream", () -> Files.newDirectoryStream(dir));
    ops.put("list", () -> Files.list(dir));
    ops.put("walk", () -> Files.walk(dir));
    ops.put("readAttributes(class)", () -> Files.readAttributes(file, BasicFileAttributes.class));
    ops.put("readAttributes(string)", () -> Files.readAttributes(file, "*"));
    ops.put("getAttribute", () -> Files.getAttribute(file, "size"));
    ops.put("setAttribute", () -> Files.setAttribute(file, "lastModifiedTime",
        java.nio.file.attribute.FileTime.fromMillis(0)));
    ops.put("getFileAttributeView",
        () -> Files.getFileAttributeView(file, BasicFileAttributeView.class));
    ops.put("getPosixFilePermissions", () -> Files.getPosixFilePermissions(file));
    ops.put("setPosixFilePermissions",
        () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")));
    ops.put("getOwner", () -> Files.getOwner(file));
    ops.put("size", () -> Files.size(file));
    ops.put("isSameFile", () -> Files.isSameFile(file, dir));
    ops.put("isHidden", () -> Files.isHidden(file));
    ops.put("checkAccess", () -> fs.provider().checkAccess(file, AccessMode.READ));
    ops.put("getFileStore", () -> Files.getFileStore(file));
    ops.put("getFileStores", () -> fs.getFileStores());
    ops.put("newWatchService", () -> fs.newWatchService());
    ops.put("toRealPath", () -> file.toRealPath());
    ops.put("toRealPath relative", () -> relative.toRealPath());
    ops.put("TmpFileSystems.unwrap", () -> TmpFileSystems.unwrap(file));
    for (Map.Entry<String, Executable> op : ops.entrySet()) {
      assertThrows(ClosedFileSystemException.class, op.getValue(), op.getKey());
    }
    assertEquals(Set.of(), Disk.names(testDir), "no operation recreated anything");
  }

  @Test
  void handlesOpenedBeforeCloseAreClosedByIt() throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
    Path file = Files.writeString(fs.getPath("/f"), "0123456789");
    Path dir = Files.createDirectory(fs.getPath("/d"));
    Files.writeString(dir.resolve("e1"), "1");
    Files.writeString(dir.resolve("e2"), "2");
    SeekableByteChannel byteChannel = Files.newByteChannel(file, READ);
    FileChannel fileChannel = FileChannel.open(file, READ, WRITE);
    AsynchronousFileChannel asyncChannel = AsynchronousFileChannel.open(file, READ);
    InputStream in = Files.newInputStream(file);
    OutputStream out = Files.newOutputStream(fs.getPath("/out"));
    DirectoryStream<Path> dirStream = Files.newDirectoryStream(dir);
    DirectoryStream<Path> secureStream = Files.newDirectoryStream(dir);
    assertTrue(secureStream instanceof SecureDirectoryStream, secureStream.getClass().getName());
    WatchService watcher = fs.newWatchService();
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    assertEquals('0', in.read(), "precondition: the stream reads");
    out.write('x');

    fs.close();

    assertFalse(byteChannel.isOpen(), "byte channel");
    assertThrows(ClosedChannelException.class, () -> byteChannel.read(ByteBuffer.allocate(1)));
    assertFalse(fileChannel.isOpen(), "file channel");
    assertThrows(ClosedChannelException.class, () -> fileChannel.read(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, () -> fileChannel.size());
    assertFalse(asyncChannel.isOpen(), "asynchronous channel");
    ExecutionException asyncRead =
        assertThrows(ExecutionException.class,
            () -> asyncChannel.read(ByteBuffer.allocate(1), 0).get());
    assertTrue(asyncRead.getCause() instanceof ClosedChannelException, asyncRead.toString());
    assertThrows(IOException.class, () -> in.read(), "input stream");
    assertThrows(IOException.class, () -> {
      out.write('y');
      out.flush();
    }, "output stream");
    assertThrows(IllegalStateException.class, dirStream::iterator, "directory stream");
    assertThrows(IllegalStateException.class, secureStream::iterator, "secure directory stream");
    assertThrows(ClosedWatchServiceException.class, watcher::poll, "watch service");
    assertEquals(Set.of(), Disk.names(testDir));
    // Closing again by their owners is harmless.
    for (AutoCloseable c : List.of(byteChannel, fileChannel, asyncChannel, in, out, dirStream,
        secureStream, watcher)) {
      c.close();
    }
  }

  @Test
  void aReadOnlySubtreeIsDeleted() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
    Path top = Files.createDirectories(fs.getPath("/ro/a/b"));
    Files.writeString(fs.getPath("/ro/a/b/f"), "x");
    Files.writeString(fs.getPath("/ro/a/g"), "y");
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    Path container = root.getParent();
    // Read-only on disk, behind the library's back, files first so the chmods can still walk.
    Files.setPosixFilePermissions(TmpFileSystems.unwrap(fs.getPath("/ro/a/b/f")),
        Disk.permissions(0444));
    for (String d : List.of("/ro/a/b", "/ro/a", "/ro")) {
      Files.setPosixFilePermissions(TmpFileSystems.unwrap(fs.getPath(d)), Disk.permissions(0555));
    }
    Files.setPosixFilePermissions(root, Disk.permissions(0500));
    assertEquals(0555, Disk.modeOf(TmpFileSystems.unwrap(top)));
    fs.close();
    assertFalse(Files.exists(container, LinkOption.NOFOLLOW_LINKS), "container left behind");
    assertEquals(Set.of(), Disk.names(testDir));
  }

  @Test
  void cleanupFalseKeepsTheTreeAfterClose() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(testDir).cleanup(false).build();
    Files.createDirectories(fs.getPath("/a/b"));
    Files.writeString(fs.getPath("/a/b/f"), "kept");
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    fs.close();
    assertFalse(fs.isOpen());
    assertThrows(ClosedFileSystemException.class, () -> Files.exists(fs.getPath("/a")));
    assertEquals(Set.of(root.getParent().getFileName().toString()), Disk.names(testDir));
    assertEquals("kept", Files.readString(root.resolve("a/b/f")));
    assertEquals(List.of("", "a", "a/b", "a/b/f"), Disk.tree(root));
  }
}
