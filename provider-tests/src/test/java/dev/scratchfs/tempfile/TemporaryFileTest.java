package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code temporaryFile}: a file without a name, gone with its last handle. */
@ExtendWith(ResetsTempDir.class)
class TemporaryFileTest {
  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void leavesNoDirectoryEntryAndStillReadsAndWrites(Place place) throws IOException {
    try (TempFile file = TempFiles.temporaryFile(".txt", "anon", place.dir())) {
      assertEquals(Set.of(), place.names(), "a temporaryFile must have no visible name");
      assertFalse(file.isNamed());
      assertFalse(file.deletesOnClose());
      assertThrows(IllegalStateException.class, file::path);
      byte[] data = new byte[100_000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (i * 31);
      }
      ByteBuffer src = ByteBuffer.wrap(data);
      while (src.hasRemaining()) {
        file.write(src);
      }
      assertEquals(data.length, file.size());
      file.position(0);
      assertArrayEquals(data, file.newInputStream().readAllBytes());
      assertEquals(Set.of(), place.names());
    }
    assertEquals(Set.of(), place.names());
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void itsDirectoryCanBeRemovedWhileItIsOpen(Place place) throws IOException {
    // As Python's test_has_no_name: a nameless file does not keep its directory non-empty.
    Path dir = Files.createDirectory(place.dir().resolve("sub"));
    try (TempFile file = TempFiles.temporaryFile(null, null, dir)) {
      file.write(ByteBuffer.wrap("blat".getBytes(UTF_8)));
      Files.delete(dir);
      assertFalse(Files.exists(dir));
      file.position(0);
      ByteBuffer back = ByteBuffer.allocate(4);
      assertEquals(4, file.read(back));
      assertEquals("blat", new String(back.array(), UTF_8));
    }
    assertEquals(Set.of(), place.names());
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void closingTwiceIsHarmlessAndAClosedFileRefusesUse(Place place) throws IOException {
    TempFile file = TempFiles.temporaryFile(null, null, place.dir());
    file.write(ByteBuffer.wrap("abc\n".getBytes(UTF_8)));
    file.close();
    file.close();
    file.close();
    assertFalse(file.isOpen());
    assertThrows(ClosedChannelException.class, () -> file.write(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, file::size);
  }

  @Test
  void theNoArgumentFormUsesTheDefaultDirectory() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      try (TempFile file = TempFiles.temporaryFile()) {
        file.write(ByteBuffer.wrap(new byte[] {42}));
        assertEquals(1, file.size());
        assertEquals(Set.of(), place.names());
        assertTrue(file.fileChannel().isPresent());
      }
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void aMissingDirectoryIsReportedAndNothingIsCreated() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      assertThrows(
          java.nio.file.NoSuchFileException.class,
          () -> TempFiles.temporaryFile(null, null, place.dir().resolve("missing")));
      assertEquals(Set.of(), place.names());
    }
  }
}
