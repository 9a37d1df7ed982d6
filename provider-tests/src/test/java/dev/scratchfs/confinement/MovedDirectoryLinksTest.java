package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red-team findings next to issue 10, class 3: links carried along when their <em>directory</em> is
 * moved. SPEC §2.4 says no link, moved or copied, leads out of the root; the README today lists the
 * relative case as a documented limit ("only the link itself is checked, not the links inside moved
 * directories"). These tests hold the code to the SPEC: the move is either refused with a {@link
 * FileSystemException} or leaves no link that leads out. If the limit is kept instead, the SPEC and
 * these tests must change together.
 *
 * <p>Layout on disk as in {@link LinksMovedOrCopiedTest}: {@code testDir/work} holds the
 * containers, {@code testDir/decoy} is the decoy.
 */
@Tag("issue10")
class MovedDirectoryLinksTest {
  @TempDir Path testDir;
  private Decoy decoy;
  private FileSystem fs;
  private FileSystem other;

  @BeforeEach
  void setUp() throws IOException {
    Path work = Files.createDirectory(testDir.resolve("work"));
    decoy = Decoy.create(testDir.resolve("decoy"));
    fs = TmpFileSystems.builder().dir(work).build();
    other = TmpFileSystems.builder().dir(work).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
    other.close();
    decoy.assertUntouched();
  }

  /** {@code /a/b/c/d/up -> ../../../../decoy}, valid there: it names {@code /decoy} inside. */
  private Path deepDirectoryWithRelativeLink() throws IOException {
    Path d = Files.createDirectories(fs.getPath("/a/b/c/d"));
    Files.createDirectory(fs.getPath("/decoy"));
    Files.writeString(fs.getPath("/decoy/secret1"), "inside");
    Files.createSymbolicLink(d.resolve("up"), fs.getPath("../../../../decoy"));
    assertEquals("inside", Files.readString(d.resolve("up/secret1")), "precondition");
    return d;
  }

  /** A move of a directory, which may be refused. */
  @FunctionalInterface
  private interface DirectoryMove {
    void move(Path dir) throws IOException;
  }

  /**
   * Moves {@code dir} and checks that the move was refused and left the directory in place, or
   * that {@code link} (the moved link) leads nowhere out of the root.
   */
  private void movedWithNoWayOut(Path dir, DirectoryMove move, Path link) throws IOException {
    try {
      move.move(dir);
    } catch (FileSystemException | ProviderMismatchException refused) {
      assertTrue(Files.isDirectory(dir), "a refused move leaves the directory");
      return;
    }
    Escape.assertNoWayOut(link, "secret1", decoy);
  }

  @Test
  void relativeLinkInADirectoryMovedShallowerStaysInside() throws IOException {
    Path moved = fs.getPath("/d");
    movedWithNoWayOut(deepDirectoryWithRelativeLink(), d -> Files.move(d, moved),
        moved.resolve("up"));
  }

  @Test
  void relativeLinkInADirectoryMovedBySecureStreamStaysInside() throws IOException {
    DirectoryMove bySecureStream = d -> {
      try (SecureDirectoryStream<Path> from = LinksMovedOrCopiedTest.secure(d.getParent());
          SecureDirectoryStream<Path> to = LinksMovedOrCopiedTest.secure(fs.getPath("/"))) {
        from.move(fs.getPath("d"), to, fs.getPath("d"));
      }
    };
    movedWithNoWayOut(deepDirectoryWithRelativeLink(), bySecureStream, fs.getPath("/d/up"));
  }

  @Test
  void relativeLinkInADirectoryMovedIntoAnotherFileSystemStaysInside() throws IOException {
    Path moved = other.getPath("/d");
    movedWithNoWayOut(deepDirectoryWithRelativeLink(), d -> Files.move(d, moved),
        moved.resolve("up"));
  }

  @Test
  void absoluteLinkInADirectoryMovedIntoAnotherFileSystemDoesNotReachTheFirst()
      throws IOException {
    Files.createDirectory(fs.getPath("/private"));
    Path secret = Files.writeString(fs.getPath("/private/secret1"), "first file system's own");
    Path dir = Files.createDirectory(fs.getPath("/dir"));
    Files.createSymbolicLink(dir.resolve("abs"), fs.getPath("/private"));
    Path moved = other.getPath("/dir");
    try {
      Files.move(dir, moved);
    } catch (FileSystemException | ProviderMismatchException refused) {
      assertTrue(Files.isDirectory(dir), "a refused move leaves the directory");
      return;
    }
    Path link = moved.resolve("abs");
    if (Files.exists(link, NOFOLLOW_LINKS)) {
      try {
        assertNotEquals("first file system's own", Files.readString(link.resolve("secret1")),
            "the other file system read the first one's file through " + link);
      } catch (IOException nothingRead) {
        // fine
      }
      Escape.assertStoredTargetInside(link);
    }
    assertEquals("first file system's own", Files.readString(secret));
  }
}
