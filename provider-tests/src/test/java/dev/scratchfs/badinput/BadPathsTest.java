package dev.scratchfs.badinput;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.guarantees.Disk;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessMode;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that a {@code tmp:} file system cannot take: strings with NUL, and paths of other providers
 * or other scratch file systems where one of its own is needed. Each is refused with the right
 * exception and changes nothing, neither in the scratch tree nor beside it.
 */
class BadPathsTest {
  @TempDir Path testDir;
  private Path work;
  private Path outside;
  private FileSystem fs;
  private Path root;

  @BeforeEach
  void open() throws IOException {
    work = Files.createDirectory(testDir.resolve("work"));
    outside = Files.createDirectory(testDir.resolve("outside"));
    Files.writeString(outside.resolve("file"), "outside");
    fs = TmpFileSystems.builder().dir(work).build();
    Files.writeString(fs.getPath("/f"), "inside");
    Files.createDirectory(fs.getPath("/d"));
    root = TmpFileSystems.unwrap(fs.getPath("/"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
    assertEquals(Set.of(), Disk.names(work));
    assertEquals(Set.of("file"), Disk.names(outside));
    assertEquals("outside", Files.readString(outside.resolve("file")));
  }

  private void refusedWithoutChange(Map<String, Executable> ops, Class<? extends Throwable> type)
      throws IOException {
    for (Map.Entry<String, Executable> op : ops.entrySet()) {
      List<String> tree = Disk.tree(root);
      List<String> outsideTree = Disk.tree(testDir);
      Throwable e = assertThrows(type, op.getValue(), op.getKey());
      assertTrue(type.isInstance(e), op.getKey());
      assertEquals(tree, Disk.tree(root), op.getKey() + ": scratch tree changed");
      assertEquals(outsideTree, Disk.tree(testDir), op.getKey() + ": test directory changed");
    }
  }

  @Test
  void nulInAPathStringIsAnInvalidPath() throws IOException {
    String name = "badpaths-" + UUID.randomUUID();
    try (FileSystem named = TmpFileSystems.builder().dir(work).name(name).build()) {
      Map<String, Executable> ops = new LinkedHashMap<>();
      ops.put("getPath(a\\0b)", () -> fs.getPath("a\0b"));
      ops.put("getPath(/\\0)", () -> fs.getPath("/\0"));
      ops.put("getPath(/x, a\\0)", () -> fs.getPath("/x", "a\0"));
      ops.put("getPath(\\0, more)", () -> fs.getPath("\0", "y"));
      ops.put("resolve(a\\0)", () -> fs.getPath("/d").resolve("a\0"));
      ops.put("resolveSibling(a\\0)", () -> fs.getPath("/d").resolveSibling("a\0"));
      ops.put("Path.of(tmp://name/a%00b)", () -> Path.of(URI.create("tmp://" + name + "/a%00b")));
      ops.put("createFile via a NUL name",
          () -> Files.createFile(fs.getPath("/d").resolve("x\0y")));
      refusedWithoutChange(ops, InvalidPathException.class);
      InvalidPathException e =
          assertThrows(InvalidPathException.class, () -> fs.getPath("/d/a\0b"));
      assertEquals("/d/a\0b", e.getInput(), "the input is reported as given");
      assertTrue(e.getReason().toLowerCase(java.util.Locale.ROOT).contains("nul"), e.getReason());
      assertTrue(named.isOpen());
    }
  }

  @Test
  void defaultFileSystemPathsAreRefusedByTmpOperations() throws IOException {
    FileSystemProvider tmp = fs.provider();
    Path foreignFile = outside.resolve("file");
    Path foreignNew = outside.resolve("new");
    Path mine = fs.getPath("/f");
    Map<String, Executable> ops = new LinkedHashMap<>();
    ops.put("newByteChannel", () -> tmp.newByteChannel(foreignNew, Set.of(CREATE_NEW, WRITE)));
    ops.put("newFileChannel", () -> tmp.newFileChannel(foreignNew, Set.of(CREATE_NEW, WRITE)));
    ops.put("newOutputStream", () -> tmp.newOutputStream(foreignNew));
    ops.put("newInputStream", () -> tmp.newInputStream(foreignFile));
    ops.put("createDirectory", () -> tmp.createDirectory(foreignNew));
    ops.put("delete", () -> tmp.delete(foreignFile));
    ops.put("deleteIfExists", () -> tmp.deleteIfExists(foreignFile));
    ops.put("copy(tmp, default)", () -> tmp.copy(mine, foreignNew));
    ops.put("copy(default, tmp)", () -> tmp.copy(foreignFile, fs.getPath("/g")));
    ops.put("move(tmp, default)", () -> tmp.move(mine, foreignNew));
    ops.put("move(default, tmp)", () -> tmp.move(foreignFile, fs.getPath("/g")));
    ops.put("createSymbolicLink(tmp, default target)",
        () -> Files.createSymbolicLink(fs.getPath("/l"), foreignFile));
    ops.put("createSymbolicLink(default, tmp target)",
        () -> tmp.createSymbolicLink(foreignNew, mine));
    ops.put("createLink(tmp, default)", () -> Files.createLink(fs.getPath("/h"), foreignFile));
    ops.put("readAttributes", () -> tmp.readAttributes(foreignFile, BasicFileAttributes.class));
    ops.put("setAttribute", () -> tmp.setAttribute(foreignFile, "posix:permissions",
        Disk.permissions(0777)));
    ops.put("checkAccess", () -> tmp.checkAccess(foreignFile, AccessMode.READ));
    ops.put("newDirectoryStream", () -> tmp.newDirectoryStream(outside, p -> true));
    ops.put("isSameFile(default, tmp)", () -> tmp.isSameFile(foreignFile, mine));
    ops.put("TmpFileSystems.unwrap", () -> TmpFileSystems.unwrap(foreignFile));
    ops.put("tmp.resolve(default)", () -> mine.resolve(foreignFile));
    ops.put("default.resolve(tmp)", () -> outside.resolve(mine));
    ops.put("tmp.relativize(default)", () -> mine.relativize(foreignFile));
    ops.put("default.relativize(tmp)", () -> outside.relativize(mine));
    ops.put("tmp.resolveSibling(default)", () -> mine.resolveSibling(foreignFile));
    refusedWithoutChange(ops, ProviderMismatchException.class);
    assertFalse(mine.startsWith(outside));
    assertFalse(mine.equals(foreignFile));
  }

  @Test
  void pathsOfAnotherScratchFileSystemAreRefusedWhereTheyCannotWork() throws IOException {
    try (FileSystem other = TmpFileSystems.builder().dir(work).build();
        WatchService otherWatcher = other.newWatchService();
        WatchService defaultWatcher = outside.getFileSystem().newWatchService()) {
      Path theirs = Files.writeString(other.getPath("/theirs"), "theirs");
      Map<String, Executable> ops = new LinkedHashMap<>();
      ops.put("link to another scratch fs",
          () -> Files.createSymbolicLink(fs.getPath("/l"), theirs));
      ops.put("register with another fs's watch service",
          () -> fs.getPath("/d").register(otherWatcher, StandardWatchEventKinds.ENTRY_CREATE));
      ops.put("register with the default watch service",
          () -> fs.getPath("/d").register(defaultWatcher, StandardWatchEventKinds.ENTRY_CREATE));
      refusedWithoutChange(ops, ProviderMismatchException.class);
      assertEquals(Set.of("theirs"), Disk.names(TmpFileSystems.unwrap(other.getPath("/"))));
    }
  }
}
