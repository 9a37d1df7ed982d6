package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code mkstemp}: an exclusively created, owner-only file that the caller deletes. */
@ExtendWith(ResetsTempDir.class)
class MkstempTest {
  /** Prefix and suffix pairs, as Python's test_basic, plus non-ASCII ones. */
  static final List<String[]> PARTS =
      List.of(
          new String[] {"", ""},
          new String[] {"a", ""},
          new String[] {"", "b"},
          new String[] {"a", "b"},
          new String[] {"aa", ".txt"},
          new String[] {"préfixe-日本-", "-suffixé.тест"});

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void createsAnOwnerOnlyFileNamedAfterTheTemplate(Place place) throws IOException {
    for (String[] parts : PARTS) {
      String prefix = parts[0];
      String suffix = parts[1];
      try (TempFile file = TempFiles.mkstemp(suffix, prefix, place.dir())) {
        Path path = file.path();
        assertEquals(place.dir(), path.getParent());
        String name = path.getFileName().toString();
        assertTrue(Place.namePattern(prefix, suffix).matcher(name).matches(), name);
        assertTrue(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.size(path));
        assertEquals(Place.FILE_MODE, Place.modeOf(path));
        assertFalse(file.deletesOnClose());
        assertTrue(file.isNamed());
      }
    }
    assertEquals(PARTS.size(), place.names().size(), "mkstemp files must stay after close");
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void readsAndWritesThroughTheFileAndKeepsTheContentsAfterClose(Place place) throws IOException {
    Path path;
    try (TempFile file = TempFiles.mkstemp(".bin", "data", place.dir())) {
      path = file.path();
      file.write(ByteBuffer.wrap("hello, world".getBytes(UTF_8)));
      assertEquals(12, file.size());
      file.position(7);
      ByteBuffer read = ByteBuffer.allocate(5);
      assertEquals(5, file.read(read));
      assertEquals("world", new String(read.array(), UTF_8));
      assertTrue(file.fileChannel().isPresent(), "both providers offer FileChannel");
      // The stream views share the position and leave the file open when closed.
      file.position(0);
      try (OutputStream out = file.newOutputStream()) {
        out.write("HELLO".getBytes(UTF_8));
      }
      assertTrue(file.isOpen());
      file.position(0);
      try (InputStream in = file.newInputStream()) {
        assertArrayEquals("HELLO, world".getBytes(UTF_8), in.readAllBytes());
      }
      assertEquals(12, file.position());
    }
    assertEquals("HELLO, world", Files.readString(path));
    assertEquals(Place.FILE_MODE, Place.modeOf(path));
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aThousandCallsGiveAThousandDistinctFiles(Place place) throws IOException {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      try (TempFile file = TempFiles.mkstemp(null, "aa", place.dir())) {
        String name = file.path().getFileName().toString();
        assertTrue(made.add(name), "duplicate " + name);
        assertTrue(Place.namePattern("aa", "").matcher(name).matches(), name);
      }
    }
    assertEquals(made, place.names());
  }

  @Test
  void nullArgumentsMeanTheDefaultPrefixEmptySuffixAndDefaultDirectory() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      assertEquals("tmp", TempFiles.gettempprefix());
      Path path;
      try (TempFile file = TempFiles.mkstemp()) {
        path = file.path();
      }
      assertEquals(place.dir(), path.getParent());
      assertTrue(Place.namePattern("tmp", "").matcher(path.getFileName().toString()).matches());
      try (TempFile file = TempFiles.mkstemp(".x", null, null)) {
        assertTrue(
            Place.namePattern("tmp", ".x").matcher(file.path().getFileName().toString()).matches());
      }
      assertEquals(2, place.names().size());
    }
  }

  @Test
  void aRelativeDirectoryGivesAnAbsolutePath() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path relative = Files.createDirectory(fs.getPath("rel"));
      try (TempFile file = TempFiles.mkstemp(null, null, relative)) {
        assertTrue(file.path().isAbsolute());
        assertEquals(fs.getPath("/work/rel"), file.path().getParent());
        assertTrue(Files.exists(file.path()));
      }
    }
  }

  @Test
  void worksOnAFileSystemWithoutPosixPermissions() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path dir = Files.createDirectory(fs.getPath("/plain"));
      try (TempFile file = TempFiles.mkstemp(".s", "p", dir)) {
        file.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      }
      Set<String> names = Place.names(dir);
      assertEquals(1, names.size());
      Path made = dir.resolve(names.iterator().next());
      assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(made));
      assertTrue(Place.namePattern("p", ".s").matcher(made.getFileName().toString()).matches());
    }
  }
}
