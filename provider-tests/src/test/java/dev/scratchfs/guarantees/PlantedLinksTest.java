package dev.scratchfs.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links planted on disk inside a scratch tree, behind the library's back, pointing at a
 * decoy directory or file outside the tree: deleting the tree (on close, or with Guava through
 * {@code tmp:} paths) removes the links and never what they point at.
 *
 * <p>The decoys are made by the test in its own temporary directory and hold files the test checks
 * afterwards; no link ever points anywhere else.
 */
class PlantedLinksTest {
  @TempDir Path testDir;
  private Path work;
  private Path decoyDir;
  private Path decoyFile;

  @BeforeEach
  void makeDecoys() throws IOException {
    work = Files.createDirectory(testDir.resolve("work"));
    decoyDir = Files.createDirectory(testDir.resolve("decoy"));
    for (int i = 1; i <= 3; i++) {
      Files.writeString(decoyDir.resolve("precious" + i), "keep " + i);
    }
    decoyFile = Files.writeString(testDir.resolve("decoy-file"), "keep me");
  }

  private void assertDecoysIntact() throws IOException {
    assertEquals(Set.of("precious1", "precious2", "precious3"), Disk.names(decoyDir));
    for (int i = 1; i <= 3; i++) {
      assertEquals("keep " + i, Files.readString(decoyDir.resolve("precious" + i)));
    }
    assertEquals("keep me", Files.readString(decoyFile));
    assertEquals(Set.of("work", "decoy", "decoy-file"), Disk.names(testDir));
  }

  @Test
  void closeRemovesPlantedLinksAndNotWhatTheyPointAt() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(work).build();
    Files.createDirectories(fs.getPath("/a/b"));
    Files.writeString(fs.getPath("/a/b/own"), "own");
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    List<Path> links = List.of(
        Files.createSymbolicLink(root.resolve("toDir"), decoyDir),
        Files.createSymbolicLink(root.resolve("a/b/deepToDir"), decoyDir),
        Files.createSymbolicLink(root.resolve("a/toFile"), decoyFile),
        Files.createSymbolicLink(root.resolve("a/relativeToDir"),
            root.resolve("a").relativize(decoyDir)),
        Files.createSymbolicLink(root.getParent().resolve("besideRoot"), decoyDir));
    for (Path link : links) {
      assertTrue(Files.isSymbolicLink(link), "precondition: planted " + link);
      assertTrue(Files.exists(link), "precondition: resolves " + link);
    }
    assertTrue(Files.isDirectory(fs.getPath("/toDir")), "the planted link is visible through tmp:");
    fs.close();
    for (Path link : links) {
      assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "link left: " + link);
    }
    assertEquals(Set.of(), Disk.names(work));
    assertDecoysIntact();
  }

  @Test
  void closeRemovesAPlantedLinkInAReadOnlyDirectory() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(work).build();
    Path ro = TmpFileSystems.unwrap(Files.createDirectories(fs.getPath("/ro/inner")));
    Files.createSymbolicLink(ro.resolve("toDir"), decoyDir);
    Files.setPosixFilePermissions(ro, Disk.permissions(0555));
    Files.setPosixFilePermissions(ro.getParent(), Disk.permissions(0555));
    fs.close();
    assertEquals(Set.of(), Disk.names(work));
    assertDecoysIntact();
  }

  @Test
  void aPlantedLinkReplacingTheWholeTreeUnderTheContainerIsRemovedNotFollowed()
      throws IOException {
    // The root directory itself swapped for a link to the decoy, on disk.
    FileSystem fs = TmpFileSystems.builder().dir(work).build();
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    Files.delete(root);
    Files.createSymbolicLink(root, decoyDir);
    fs.close();
    assertEquals(Set.of(), Disk.names(work));
    assertDecoysIntact();
  }

  @Test
  void guavaDeleteRecursivelyThroughTmpPathsRemovesPlantedLinksOnly() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(work).build()) {
      Path tree = Files.createDirectories(fs.getPath("/tree/sub"));
      Files.writeString(tree.resolve("f"), "x");
      Path disk = TmpFileSystems.unwrap(tree);
      Files.createSymbolicLink(disk.resolve("toDir"), decoyDir);
      Files.createSymbolicLink(disk.resolve("toFile"), decoyFile);
      Files.createSymbolicLink(disk.getParent().resolve("toDirToo"), decoyDir);
      MoreFiles.deleteRecursively(fs.getPath("/tree"));
      assertFalse(Files.exists(fs.getPath("/tree"), LinkOption.NOFOLLOW_LINKS));
      assertEquals(Set.of(), Disk.names(TmpFileSystems.unwrap(fs.getPath("/"))));
      // Insecure mode too (it must still not follow links).
      Path again = Files.createDirectories(fs.getPath("/again"));
      Files.createSymbolicLink(TmpFileSystems.unwrap(again).resolve("toDir"), decoyDir);
      MoreFiles.deleteRecursively(again, RecursiveDeleteOption.ALLOW_INSECURE);
      assertFalse(Files.exists(again, LinkOption.NOFOLLOW_LINKS));
      assertDecoysIntact();
    }
    assertEquals(Set.of(), Disk.names(work));
    assertDecoysIntact();
  }
}
