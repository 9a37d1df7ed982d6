package dev.scratchfs.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TreeDeleter} on the real disk, by path and through an open parent directory: the tree
 * goes, links in it go as links, and nothing beside it or behind a link is touched. Every link
 * points at a decoy directory this test makes.
 */
class TreeDeleterTest {
  @TempDir Path testDir;
  private Path decoy;
  private Path parent;

  @BeforeEach
  void setUp() throws IOException {
    decoy = Files.createDirectory(testDir.resolve("decoy"));
    Files.writeString(decoy.resolve("keep1"), "decoy");
    Files.createDirectory(decoy.resolve("sub"));
    Files.writeString(decoy.resolve("sub/keep2"), "decoy");
    parent = Files.createDirectory(testDir.resolve("parent"));
    Files.writeString(parent.resolve("sibling"), "stays");
  }

  /** parent/tree with files, a nested directory, links to the decoy and an unreadable directory. */
  private Path tree() throws IOException {
    Path tree = Files.createDirectories(parent.resolve("tree/a/b"));
    Files.writeString(parent.resolve("tree/f"), "x");
    Files.writeString(tree.resolve("g"), "y");
    Files.createSymbolicLink(parent.resolve("tree/to-decoy"), decoy);
    Files.createSymbolicLink(tree.resolve("to-decoy-file"), decoy.resolve("keep1"));
    Path locked = Files.createDirectory(parent.resolve("tree/locked"));
    Files.writeString(locked.resolve("inside"), "z");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    return parent.resolve("tree");
  }

  private void assertDecoyAndSiblingUntouched() throws IOException {
    assertEquals(List.of("keep1", "sub"), names(decoy));
    assertEquals("decoy", Files.readString(decoy.resolve("keep1")));
    assertEquals("decoy", Files.readString(decoy.resolve("sub/keep2")));
    assertEquals("stays", Files.readString(parent.resolve("sibling")));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
    assertTrue(stream instanceof SecureDirectoryStream, "this test needs a secure stream");
    return (SecureDirectoryStream<Path>) stream;
  }

  @Test
  void byPathDeletesTheTreeAndNothingBehindItsLinks() throws IOException {
    TreeDeleter.deleteTree(tree());
    assertEquals(List.of("sibling"), names(parent));
    assertDecoyAndSiblingUntouched();
  }

  @Test
  void throughTheParentDeletesOnlyTheNamedTree() throws IOException {
    Path tree = tree();
    try (SecureDirectoryStream<Path> open = secure(parent)) {
      TreeDeleter.deleteTree(open, tree);
    }
    assertEquals(List.of("sibling"), names(parent));
    assertDecoyAndSiblingUntouched();
  }

  @Test
  void throughTheParentALinkAtTheTopIsDeletedAsALink() throws IOException {
    Path link = Files.createSymbolicLink(parent.resolve("tree"), decoy);
    try (SecureDirectoryStream<Path> open = secure(parent)) {
      TreeDeleter.deleteTree(open, link);
    }
    assertFalse(Files.exists(link, NOFOLLOW_LINKS));
    assertDecoyAndSiblingUntouched();
  }

  @Test
  void throughTheParentTheHandleCountsNotTheName() throws IOException {
    Path tree = tree();
    Path moved = testDir.resolve("moved-parent");
    try (SecureDirectoryStream<Path> open = secure(parent)) {
      // The parent's name now stands for the decoy: the open handle still means the parent.
      Files.move(parent, moved);
      Files.createSymbolicLink(parent, decoy);
      TreeDeleter.deleteTree(open, tree);
    }
    assertEquals(List.of("sibling"), names(moved));
    Files.delete(parent);
    Files.move(moved, parent);
    assertDecoyAndSiblingUntouched();
  }

  @Test
  void aMissingEntryIsNothingToDo() throws IOException {
    try (SecureDirectoryStream<Path> open = secure(parent)) {
      TreeDeleter.deleteTree(open, parent.resolve("absent"));
    }
    TreeDeleter.deleteTree(parent.resolve("absent"));
    assertEquals(List.of("sibling"), names(parent));
  }

  @Test
  void aRootOrARelativePathIsRefusedAndNothingChanges() throws IOException {
    try (SecureDirectoryStream<Path> open = secure(parent)) {
      assertThrows(FileSystemException.class,
          () -> TreeDeleter.deleteTree(open, parent.getRoot()));
      assertThrows(IllegalArgumentException.class,
          () -> TreeDeleter.deleteTree(open, Path.of("sibling")));
    }
    assertEquals(List.of("sibling"), names(parent));
    assertDecoyAndSiblingUntouched();
  }
}
