package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.SpooledTempFile;
import dev.scratchfs.TempDirectory;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every factory of {@link TempFiles} with its directory inside a {@code tmp:} scratch file system,
 * itself over the default file system or over jimfs. Names and modes are checked through the scratch
 * file system and, via {@link TmpFileSystems#unwrap}, on the delegate; what is left when the scratch
 * file system closes must go with it.
 */
@ExtendWith(ResetsTempDir.class)
class InsideScratchFileSystemTest {
  private static FileSystem scratchIn(Place place) throws IOException {
    return TmpFileSystems.builder().dir(place.dir()).build();
  }

  /** The one container the scratch file system made in the place's directory. */
  private static Path containerOf(Place place) throws IOException {
    Set<String> names = place.names();
    assertEquals(1, names.size(), "one container: " + names);
    return place.dir().resolve(names.iterator().next());
  }

  private static void assertOnDisk(Path scratchPath, Set<?> mode) throws IOException {
    Path onDisk = TmpFileSystems.unwrap(scratchPath);
    assertTrue(Files.exists(onDisk, NOFOLLOW_LINKS), onDisk.toString());
    assertEquals(mode, Place.modeOf(onDisk), onDisk.toString());
    assertEquals(mode, Place.modeOf(scratchPath), scratchPath.toString());
  }

  private static void write(java.nio.channels.WritableByteChannel ch, String s) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void mkstempAndMkdtempMakeOwnerOnlyEntriesOnTheDelegate(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      try (TempFile file = TempFiles.mkstemp(".dat", "s-", dir)) {
        Path path = file.path();
        assertSame(scratch, path.getFileSystem());
        assertEquals(dir, path.getParent());
        assertTrue(Place.namePattern("s-", ".dat").matcher(path.getFileName().toString()).matches());
        assertOnDisk(path, Place.FILE_MODE);
        assertTrue(file.fileChannel().isPresent(), "the scratch provider offers FileChannel");
        write(file, "through the scratch file system");
      }
      Path made = TempFiles.mkdtemp("-d", "dd", dir);
      assertSame(scratch, made.getFileSystem());
      assertTrue(Place.namePattern("dd", "-d").matcher(made.getFileName().toString()).matches());
      assertOnDisk(made, Place.DIR_MODE);
      assertEquals(2, Place.names(dir).size());
      assertEquals(2, Place.names(TmpFileSystems.unwrap(dir)).size());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void mktempNamesAFreeEntryAndCreatesNothing(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      @SuppressWarnings("deprecation")
      Path name = TempFiles.mktemp(".x", "m", dir);
      assertSame(scratch, name.getFileSystem());
      assertEquals(dir, name.getParent());
      assertTrue(Place.namePattern("m", ".x").matcher(name.getFileName().toString()).matches());
      assertFalse(Files.exists(name, NOFOLLOW_LINKS));
      assertEquals(Set.of(), Place.names(TmpFileSystems.unwrap(dir)));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void temporaryFileLeavesNoEntryHereOrOnTheDelegate(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      Path onDisk = TmpFileSystems.unwrap(dir);
      try (TempFile file = TempFiles.temporaryFile(".t", "anon", dir)) {
        assertFalse(file.isNamed());
        assertEquals(Set.of(), Place.names(dir));
        assertEquals(Set.of(), Place.names(onDisk));
        write(file, "nameless");
        file.position(0);
        assertArrayEquals("nameless".getBytes(UTF_8), file.newInputStream().readAllBytes());
      }
      assertEquals(Set.of(), Place.names(onDisk));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void namedTemporaryFileIsVisibleOnTheDelegateAndDeletedOrKept(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      Path deleted;
      try (TempFile file = TempFiles.namedTemporaryFile(".n", "named", dir, true)) {
        deleted = file.path();
        assertTrue(
            Place.namePattern("named", ".n").matcher(deleted.getFileName().toString()).matches());
        assertOnDisk(deleted, Place.FILE_MODE);
        write(file, "seen by others");
        assertEquals("seen by others", Files.readString(TmpFileSystems.unwrap(deleted)));
      }
      assertFalse(Files.exists(deleted, NOFOLLOW_LINKS));
      assertFalse(Files.exists(TmpFileSystems.unwrap(deleted), NOFOLLOW_LINKS));

      Path kept;
      try (TempFile file = TempFiles.namedTemporaryFile(null, null, dir, false)) {
        kept = file.path();
        write(file, "kept");
      }
      assertOnDisk(kept, Place.FILE_MODE);
      assertEquals("kept", Files.readString(TmpFileSystems.unwrap(kept)));
      assertEquals(Set.of(kept.getFileName().toString()), Place.names(TmpFileSystems.unwrap(dir)));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void spooledFileRollsOverIntoTheScratchFileSystemWithoutAName(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      Path onDisk = TmpFileSystems.unwrap(dir);
      try (SpooledTempFile spooled = TempFiles.spooledTemporaryFile(8, ".sp", "sp", dir)) {
        write(spooled, "12345678");
        assertFalse(spooled.rolledOver());
        write(spooled, "9");
        assertTrue(spooled.rolledOver());
        assertEquals(Set.of(), Place.names(onDisk), "the rolled-over file has no name");
        spooled.position(0);
        assertArrayEquals("123456789".getBytes(UTF_8), spooled.newInputStream().readAllBytes());
      }
      assertEquals(Set.of(), Place.names(onDisk));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void temporaryDirectoryIsOwnerOnlyAndRemovedWithItsContents(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/work"));
      Path made;
      try (TempDirectory tmp = TempFiles.temporaryDirectory(".td", "td", dir)) {
        made = tmp.path();
        assertSame(scratch, made.getFileSystem());
        assertTrue(Place.namePattern("td", ".td").matcher(made.getFileName().toString()).matches());
        assertOnDisk(made, Place.DIR_MODE);
        Files.createDirectories(made.resolve("a/b"));
        Files.writeString(made.resolve("a/b/c.txt"), "deep");
        Files.writeString(made.resolve("top.txt"), "top");
      }
      assertFalse(Files.exists(made, NOFOLLOW_LINKS));
      assertEquals(Set.of(), Place.names(TmpFileSystems.unwrap(dir)));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void theDefaultDirectoryMayBeInsideAScratchFileSystem(Place place) throws IOException {
    try (FileSystem scratch = scratchIn(place)) {
      Path dir = Files.createDirectory(scratch.getPath("/default"));
      TempFiles.settempdir(dir);
      Path kept;
      try (TempFile file = TempFiles.mkstemp()) {
        kept = file.path();
      }
      Path made = TempFiles.mkdtemp();
      assertEquals(dir, kept.getParent());
      assertEquals(dir, made.getParent());
      assertOnDisk(kept, Place.FILE_MODE);
      assertOnDisk(made, Place.DIR_MODE);
      assertTrue(Place.namePattern("tmp", "").matcher(kept.getFileName().toString()).matches());
    }
  }

  /**
   * Leftovers of every kind, some still open, are removed by the scratch file system's close; closing
   * them afterwards is harmless and a kept handle refuses use.
   */
  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void closingTheScratchFileSystemRemovesWhatWasLeft(Place place) throws IOException {
    FileSystem scratch = scratchIn(place);
    Path container = containerOf(place);
    Path dir = Files.createDirectory(scratch.getPath("/work"));

    try (TempFile closed = TempFiles.mkstemp(null, "closed", dir)) {
      write(closed, "left behind");
    }
    TempFile open = TempFiles.mkstemp(null, "open", dir);
    write(open, "still open");
    Path nested = TempFiles.mkdtemp(null, "d", dir);
    Files.writeString(Files.createDirectory(nested.resolve("sub")).resolve("f"), "x");
    TempFiles.mkdtemp(null, "empty", nested);
    TempFile named = TempFiles.namedTemporaryFile(null, "named", dir, true);
    TempFile nameless = TempFiles.temporaryFile(null, null, dir);
    SpooledTempFile spooled = TempFiles.spooledTemporaryFile(1, null, null, dir);
    write(spooled, "rolled");
    assertTrue(spooled.rolledOver());
    TempDirectory tree = TempFiles.temporaryDirectory(null, null, dir);
    Files.writeString(tree.path().resolve("in-tree"), "y");
    assertEquals(5, Place.names(TmpFileSystems.unwrap(dir)).size());

    scratch.close();

    assertFalse(Files.exists(container, NOFOLLOW_LINKS), "the container must be gone");
    assertEquals(Set.of(), place.names());
    // The scratch file system closed the channels it handed out.
    assertFalse(open.isOpen());
    assertThrows(ClosedChannelException.class, () -> open.write(ByteBuffer.allocate(1)));
    assertFalse(named.isOpen());
    // Their files went with the file system: closing what is left must not fail.
    for (AutoCloseable leftover : Arrays.asList(open, named, nameless, spooled, tree)) {
      try {
        leftover.close();
      } catch (Exception e) {
        throw new AssertionError(leftover + " failed to close after its file system", e);
      }
    }
    assertEquals(Set.of(), place.names());
  }
}
