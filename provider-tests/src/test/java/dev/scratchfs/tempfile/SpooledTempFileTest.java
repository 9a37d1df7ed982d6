package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.SpooledTempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code spooledTemporaryFile}: a channel in memory until it outgrows maxSize, then on disk. */
@ExtendWith(ResetsTempDir.class)
class SpooledTempFileTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(UTF_8));
  }

  private static String text(SpooledTempFile file) throws IOException {
    return new String(SameAsFileChannel.contents(file), UTF_8);
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void holdsExactlyMaxSizeBytesInMemoryThenRollsOverToANamelessFile(Place place)
      throws IOException {
    try (SpooledTempFile file = TempFiles.spooledTemporaryFile(30, ".sp", "spool", place.dir())) {
      assertEquals(30, file.maxSize());
      file.write(bytes("x".repeat(20)));
      assertFalse(file.rolledOver());
      file.write(bytes("y".repeat(10)));
      assertFalse(file.rolledOver());
      assertEquals(Set.of(), place.names(), "nothing on disk before the roll-over");
      assertEquals(30, file.position());

      file.write(bytes("z"));
      assertTrue(file.rolledOver());
      assertEquals(Set.of(), place.names(), "the rolled-over file has no visible name");
      assertEquals(31, file.position());
      assertEquals(31, file.size());
      assertEquals("x".repeat(20) + "y".repeat(10) + "z", text(file));
    }
    assertEquals(Set.of(), place.names());
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void contentsAndPositionAreTheSameBeforeAndAfterAnExplicitRollover(Place place)
      throws IOException {
    try (SpooledTempFile file = TempFiles.spooledTemporaryFile(0, null, null, place.dir())) {
      file.write(bytes("0123456789abcdefghij"));
      file.position(10);
      file.truncate(15);
      assertEquals(10, file.position());
      byte[] before = SameAsFileChannel.contents(file);

      file.rollover();
      assertTrue(file.rolledOver());
      assertEquals(10, file.position());
      assertEquals(15, file.size());
      assertArrayEquals(before, SameAsFileChannel.contents(file));
      ByteBuffer rest = ByteBuffer.allocate(10);
      assertEquals(5, file.read(rest));
      assertEquals("abcde", new String(rest.array(), 0, 5, UTF_8));
      assertEquals(-1, file.read(ByteBuffer.allocate(1)));

      file.rollover(); // a second call changes nothing
      assertEquals(15, file.position());
      assertArrayEquals(before, SameAsFileChannel.contents(file));
      // It carries on as a file: write, truncate and read after the roll-over.
      file.write(bytes("!"));
      file.truncate(12);
      assertEquals(12, file.position());
      assertEquals("0123456789ab", text(file));
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void rewritingWithinMaxSizeDoesNotRollOver() throws IOException {
    try (Place place = Place.onJimfs();
        SpooledTempFile file = TempFiles.spooledTemporaryFile(30, null, null, place.dir())) {
      for (int i = 0; i < 5; i++) {
        file.position(0);
        file.write(bytes("x".repeat(20)));
      }
      assertFalse(file.rolledOver());
      assertEquals(20, file.size());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aWritePastTheEndZeroFillsInMemoryAndOnDisk(Place place) throws IOException {
    try (SpooledTempFile file = TempFiles.spooledTemporaryFile(30, null, null, place.dir())) {
      file.write(bytes("ab"));
      file.position(10);
      assertFalse(file.rolledOver(), "seeking alone does not roll over");
      assertEquals(2, file.size());
      file.write(bytes("c"));
      assertFalse(file.rolledOver());
      byte[] expected = new byte[11];
      expected[0] = 'a';
      expected[1] = 'b';
      expected[10] = 'c';
      assertArrayEquals(expected, SameAsFileChannel.contents(file));

      file.position(100);
      file.write(bytes("d"));
      assertTrue(file.rolledOver(), "a write ending past maxSize rolls over, as Python's test_sparse");
      byte[] after = Arrays.copyOf(expected, 101);
      after[100] = 'd';
      assertArrayEquals(after, SameAsFileChannel.contents(file));
      assertEquals(101, file.position());
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void maxSizeZeroNeverRollsOverBySize() throws IOException {
    try (Place place = Place.onDefaultFileSystem();
        SpooledTempFile file = TempFiles.spooledTemporaryFile(0, null, null, place.dir())) {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 7);
      for (int i = 0; i < 32; i++) {
        file.write(ByteBuffer.wrap(chunk));
      }
      assertFalse(file.rolledOver());
      assertEquals(2L * 1024 * 1024, file.size());
      assertEquals(Set.of(), place.names());
      file.rollover();
      assertTrue(file.rolledOver());
      assertEquals(2L * 1024 * 1024, file.size());
      assertEquals(2L * 1024 * 1024, file.position());
      file.position(12345);
      ByteBuffer one = ByteBuffer.allocate(1);
      file.read(one);
      assertEquals(7, one.get(0));
    }
  }

  @ParameterizedTest(name = "maxSize {0}")
  @ValueSource(longs = {0, 1, 300, 2000})
  void behavesAsAFileChannelAcrossTheRollover(long maxSize, @TempDir Path tmp) throws IOException {
    Path spoolDir = Files.createDirectory(tmp.resolve("spool"));
    for (long seed = 1; seed <= 4; seed++) {
      try (SpooledTempFile file = TempFiles.spooledTemporaryFile(maxSize, null, null, spoolDir)) {
        SameAsFileChannel.check(
            tmp.resolve("reference" + seed),
            file,
            seed,
            300,
            step -> {
              if (maxSize == 0 && step == 150) {
                file.rollover();
              }
            });
        if (maxSize != 2000) {
          assertTrue(file.rolledOver());
        }
      }
      assertEquals(Set.of(), Place.names(spoolDir));
    }
  }

  @Test
  void theDirectoryIsResolvedAtRolloverAndAFailedRolloverKeepsTheContents() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      Path later = place.dir().resolve("later");
      try (SpooledTempFile file = TempFiles.spooledTemporaryFile(5, null, null, later)) {
        file.write(bytes("12345"));
        file.position(2);
        assertThrows(NoSuchFileException.class, () -> file.write(bytes("abcdef")));
        assertFalse(file.rolledOver());
        assertEquals(2, file.position());
        assertEquals("12345", text(file));

        Files.createDirectory(later);
        file.write(bytes("abcdef"));
        assertTrue(file.rolledOver());
        assertEquals("12abcdef", text(file));
        assertEquals(Set.of(), Place.names(later));
      }

      // With no directory given, gettempdir() is asked at roll-over, not at creation.
      Path missing = place.dir().resolve("missing");
      Path existing = Files.createDirectory(place.dir().resolve("existing"));
      TempFiles.settempdir(missing);
      try (SpooledTempFile file = TempFiles.spooledTemporaryFile(1, null, null, null)) {
        TempFiles.settempdir(existing);
        file.write(bytes("ab"));
        assertTrue(file.rolledOver());
        assertFalse(Files.exists(missing));
        assertEquals(Set.of(), Place.names(existing));
      }
    }
  }

  @Test
  void closingTwiceIsHarmlessBeforeAndAfterTheRollover() throws IOException {
    try (Place place = Place.onJimfs()) {
      SpooledTempFile inMemory = TempFiles.spooledTemporaryFile(0, null, null, place.dir());
      inMemory.write(bytes("abc\n"));
      inMemory.close();
      inMemory.close();
      assertFalse(inMemory.isOpen());
      assertThrows(ClosedChannelException.class, inMemory::size);
      assertThrows(ClosedChannelException.class, inMemory::rollover);
      assertFalse(inMemory.rolledOver());

      SpooledTempFile rolled = TempFiles.spooledTemporaryFile(1, null, null, place.dir());
      rolled.write(bytes("abc\n"));
      assertTrue(rolled.rolledOver());
      rolled.close();
      rolled.close();
      assertFalse(rolled.isOpen());
      assertThrows(ClosedChannelException.class, () -> rolled.write(bytes("x")));
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void streamViewsShareThePositionAndFollowTheRollover() throws IOException {
    try (Place place = Place.onJimfs();
        SpooledTempFile file = TempFiles.spooledTemporaryFile(30, null, null, place.dir())) {
      try (OutputStream out = file.newOutputStream()) {
        out.write("a".repeat(35).getBytes(UTF_8));
        out.write("b".repeat(35).getBytes(UTF_8));
      }
      assertTrue(file.rolledOver());
      assertTrue(file.isOpen());
      file.position(0);
      assertEquals("a".repeat(35) + "b".repeat(35), new String(file.newInputStream().readAllBytes(), UTF_8));
    }
  }

  @Test
  void theNoArgumentFormHasNoLimitAndRollsIntoTheDefaultDirectory() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      try (SpooledTempFile file = TempFiles.spooledTemporaryFile()) {
        assertEquals(0, file.maxSize());
        file.write(ByteBuffer.allocate(100_000));
        assertFalse(file.rolledOver());
        file.rollover();
        assertTrue(file.rolledOver());
        assertEquals(100_000, file.size());
        assertEquals(Set.of(), place.names());
      }
      assertEquals(Set.of(), place.names());
    }
  }
}
