package dev.scratchfs.guarantees;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No path a caller can write names anything outside the root; links that could lead out are
 * refused before anything is created; links planted outside the library's control are neither
 * resolved nor read back to an outside path.
 */
class ConfinementTest {
  @TempDir Path testDir;
  private FileSystem fs;
  private Path root;
  private Path decoyDir;

  @BeforeEach
  void open() throws IOException {
    Path work = Files.createDirectory(testDir.resolve("work"));
    decoyDir = Files.createDirectory(testDir.resolve("decoy"));
    for (int i = 1; i <= 3; i++) {
      Files.writeString(decoyDir.resolve("precious" + i), "keep " + i);
    }
    fs = TmpFileSystems.builder().dir(work).build();
    root = TmpFileSystems.unwrap(fs.getPath("/"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
    assertEquals(Set.of("precious1", "precious2", "precious3"), Disk.names(decoyDir));
  }

  @Test
  void dotDotNeverClimbsAboveTheRoot() {
    assertEquals(root, TmpFileSystems.unwrap(fs.getPath("/../../..")));
    assertEquals(root, TmpFileSystems.unwrap(fs.getPath("..")));
    assertEquals(root.resolve("x"), TmpFileSystems.unwrap(fs.getPath("../x")));
    assertEquals(root.resolve("b"), TmpFileSystems.unwrap(fs.getPath("/a/../../../b")));
    assertEquals(root.resolve("etc/passwd"), TmpFileSystems.unwrap(fs.getPath("../../etc/passwd")));
    for (String s : List.of("/..", "../..", "a/../../..", "/./../x/..", "../" + root)) {
      Path mapped = TmpFileSystems.unwrap(fs.getPath(s));
      assertTrue(mapped.startsWith(root), s + " -> " + mapped);
      assertEquals(mapped, mapped.normalize(), s + " maps to a normalized path");
    }
  }

  @Test
  void linksThatCouldLeadOutAreRefusedAndNothingIsCreated() throws IOException {
    Files.createDirectories(fs.getPath("/d/e"));
    String[][] refused = {
      {"/l", "../x"},
      {"/l", "a/../../x"},
      {"/l", "a/../x"},
      {"/d/l", "../../x"},
      {"/d/l", "a/../../x"},
      {"/d/e/l", "../../../x"},
      {"l", "../x"},
      {"/d/l", "./../.././x"},
    };
    List<String> before = Disk.tree(root);
    for (String[] r : refused) {
      FileSystemException e = assertThrows(FileSystemException.class,
          () -> Files.createSymbolicLink(fs.getPath(r[0]), fs.getPath(r[1])),
          r[0] + " -> " + r[1]);
      assertEquals(r[0], e.getFile(), "names the link as given");
      assertEquals(before, Disk.tree(root), "nothing created for " + r[0] + " -> " + r[1]);
    }
    // Positive controls: climbing as far as the root is allowed.
    Files.createSymbolicLink(fs.getPath("/d/ok"), fs.getPath("../x"));
    Files.createSymbolicLink(fs.getPath("/d/e/ok"), fs.getPath("../../x"));
    assertEquals(Path.of("../x"), Files.readSymbolicLink(root.resolve("d/ok")));
    assertEquals(Path.of("../../x"), Files.readSymbolicLink(root.resolve("d/e/ok")));
  }

  @Test
  void absoluteLinkTargetsAreStoredInsideTheRoot() throws IOException {
    Path link = Files.createSymbolicLink(fs.getPath("/abs"), fs.getPath("/../../etc"));
    Path stored = Files.readSymbolicLink(TmpFileSystems.unwrap(link));
    assertEquals(root.resolve("etc"), stored);
    assertEquals(fs.getPath("/etc"), Files.readSymbolicLink(link));
  }

  @Test
  void plantedLinksToTheOutsideAreNeitherResolvedNorReadBack() throws IOException {
    Files.createDirectory(fs.getPath("/d"));
    Files.createSymbolicLink(root.resolve("d/abs"), decoyDir);
    Files.createSymbolicLink(root.resolve("d/rel"), root.resolve("d").relativize(decoyDir));
    for (String p : List.of("/d/abs", "/d/abs/precious1", "/d/rel", "/d/rel/precious2", "d/abs")) {
      FileSystemException e =
          assertThrows(FileSystemException.class, () -> fs.getPath(p).toRealPath(), p);
      assertTrue(e.getReason() != null && e.getReason().contains("resolves outside"),
          p + ": " + e.getMessage());
      assertEquals(p, e.getFile());
      assertTrue(!e.getMessage().contains(decoyDir.toString()), "leaks the target: " + e);
    }
    FileSystemException read =
        assertThrows(FileSystemException.class, () -> Files.readSymbolicLink(fs.getPath("/d/abs")));
    assertTrue(read.getMessage().contains("outside"), read.getMessage());
    assertEquals("/d/abs", read.getFile());
    assertTrue(!read.getMessage().contains(decoyDir.toString()), "leaks the target: " + read);
  }

  @Test
  void aSecureDirectoryStreamRefusesRelativeDotDot() throws IOException {
    Path d = Files.createDirectory(fs.getPath("/d"));
    List<String> before = Disk.tree(root);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
      SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) s;
      assertThrows(FileSystemException.class,
          () -> sds.newByteChannel(fs.getPath("../escaped"), Set.of(CREATE_NEW, WRITE)));
      assertThrows(FileSystemException.class,
          () -> sds.newDirectoryStream(fs.getPath("..")));
      assertThrows(FileSystemException.class, () -> sds.deleteFile(fs.getPath("../x")));
    }
    assertEquals(before, Disk.tree(root));
  }
}
