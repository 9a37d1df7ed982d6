package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code namedTemporaryFile}: visible and openable by name until closed, then gone (or kept). */
@ExtendWith(ResetsTempDir.class)
class NamedTemporaryFileTest {
  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void isVisibleAndOpenableUntilCloseThenGone(Place place) throws IOException {
    Path path;
    try (TempFile file = TempFiles.namedTemporaryFile(".log", "named", place.dir(), true)) {
      path = file.path();
      assertTrue(file.deletesOnClose());
      assertEquals(place.dir(), path.getParent());
      assertTrue(
          Place.namePattern("named", ".log").matcher(path.getFileName().toString()).matches());
      assertEquals(Set.of(path.getFileName().toString()), place.names());
      assertEquals(Place.FILE_MODE, Place.modeOf(path));
      file.write(ByteBuffer.wrap("blat".getBytes(UTF_8)));
      // Another opener sees what was written through the file.
      assertEquals("blat", Files.readString(path));
      Files.writeString(path, "BL", java.nio.file.StandardOpenOption.WRITE);
      file.position(0);
      ByteBuffer back = ByteBuffer.allocate(4);
      file.read(back);
      assertEquals("BLat", new String(back.array(), UTF_8));
    }
    assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    assertEquals(Set.of(), place.names());
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void deleteFalseKeepsTheFileWithItsContents(Place place) throws IOException {
    Path path;
    try (TempFile file = TempFiles.namedTemporaryFile(null, null, place.dir(), false)) {
      path = file.path();
      assertFalse(file.deletesOnClose());
      file.write(ByteBuffer.wrap("kept".getBytes(UTF_8)));
    }
    assertEquals("kept", Files.readString(path));
    assertEquals(Place.FILE_MODE, Place.modeOf(path));
    assertEquals(Set.of(path.getFileName().toString()), place.names());
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aNameRemovedBeforeCloseAndRepeatedClosesAreNoError(Place place) throws IOException {
    TempFile file = TempFiles.namedTemporaryFile(null, null, place.dir(), true);
    Files.delete(file.path());
    file.close();
    file.close();
    assertFalse(file.isOpen());
    assertEquals(Set.of(), place.names());
  }

  @Test
  void closeRemovesOnlyItsOwnName() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      Path other = Files.writeString(place.dir().resolve("other"), "stay");
      TempFile first = TempFiles.namedTemporaryFile(null, null, place.dir(), true);
      TempFile second = TempFiles.namedTemporaryFile(null, null, place.dir(), true);
      first.close();
      assertEquals(Set.of("other", second.path().getFileName().toString()), place.names());
      second.close();
      assertEquals(Set.of("other"), place.names());
      assertEquals("stay", Files.readString(other));
    }
  }

  @Test
  void theNoArgumentFormUsesTheDefaultsAndDeletes() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      Path path;
      try (TempFile file = TempFiles.namedTemporaryFile()) {
        path = file.path();
        assertTrue(Files.exists(path));
        assertTrue(Place.namePattern("tmp", "").matcher(path.getFileName().toString()).matches());
      }
      assertFalse(Files.exists(path));
      assertEquals(Set.of(), place.names());
    }
  }
}
