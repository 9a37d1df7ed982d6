package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A prefix or suffix that could move the name out of its directory is refused before anything is
 * created, by every factory; as Python's {@code test_bad_prefix}/{@code test_bad_suffix}.
 */
@SuppressWarnings("deprecation") // mktemp must refuse bad parts too
@ExtendWith(ResetsTempDir.class)
class BadNamePartsTest {
  static final List<String> BAD = List.of("/blah", "../blah", "dir/blah", "blah/", "bl\0ah", "\0");

  /** One factory, called with a suffix, a prefix and a directory; whatever it returns is closed. */
  @FunctionalInterface
  interface Factory {
    Object make(String suffix, String prefix, Path dir) throws IOException;
  }

  static Stream<Arguments> factories() {
    List<Arguments> all = new ArrayList<>();
    all.add(Arguments.of("mkstemp", (Factory) TempFiles::mkstemp));
    all.add(Arguments.of("mkdtemp", (Factory) TempFiles::mkdtemp));
    all.add(Arguments.of("mktemp", (Factory) TempFiles::mktemp));
    all.add(Arguments.of("temporaryFile", (Factory) TempFiles::temporaryFile));
    all.add(
        Arguments.of(
            "namedTemporaryFile",
            (Factory) (s, p, d) -> TempFiles.namedTemporaryFile(s, p, d, false)));
    all.add(Arguments.of("temporaryDirectory", (Factory) TempFiles::temporaryDirectory));
    all.add(
        Arguments.of(
            "spooledTemporaryFile",
            (Factory) (s, p, d) -> TempFiles.spooledTemporaryFile(1, s, p, d)));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void badPrefixesAndSuffixesAreRefusedAndNothingIsCreated(String name, Factory factory)
      throws IOException {
    try (Place onDisk = Place.onDefaultFileSystem();
        Place inMemory = Place.onJimfs()) {
      for (Place place : List.of(onDisk, inMemory)) {
        // The target is one level down, so that an escape to its parent would show in the place.
        Path target = Files.createDirectory(place.dir().resolve("inner"));
        Set<String> rootBefore = namesStartingWithBlah(place.dir().getRoot());
        for (String bad : BAD) {
          assertThrows(IllegalArgumentException.class, () -> factory.make(bad, null, target));
          assertThrows(IllegalArgumentException.class, () -> factory.make(null, bad, target));
          assertThrows(IllegalArgumentException.class, () -> factory.make("", bad, target));
        }
        assertEquals(Set.of(), Place.names(target), name + " created something on " + place);
        assertEquals(Set.of("inner"), place.names(), name + " escaped its directory on " + place);
        assertEquals(rootBefore, namesStartingWithBlah(place.dir().getRoot()));
      }
    }
  }

  private static Set<String> namesStartingWithBlah(Path dir) throws IOException {
    Set<String> names = new TreeSet<>(Place.names(dir));
    names.removeIf(n -> !n.startsWith("blah"));
    return names;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void theDefaultDirectoryIsProtectedToo(String name, Factory factory) throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir().resolve("sub"));
      Files.createDirectory(place.dir().resolve("sub"));
      for (String bad : BAD) {
        assertThrows(IllegalArgumentException.class, () -> factory.make(null, bad, null));
        assertThrows(IllegalArgumentException.class, () -> factory.make(bad, null, null));
      }
      assertEquals(Set.of("sub"), place.names(), name + " created something beside its dir");
      assertEquals(Set.of(), Place.names(place.dir().resolve("sub")), name + " created something");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void theFileSystemsOwnSeparatorIsRefused(String name, Factory factory) throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path dir = Files.createDirectory(windows.getPath("C:\\scratch"));
      assertThrows(IllegalArgumentException.class, () -> factory.make(null, "dir\\blah", dir));
      assertThrows(IllegalArgumentException.class, () -> factory.make("..\\blah", null, dir));
      assertEquals(Set.of(), Place.names(dir));
      // A good template does work there, so the refusal is about the separator alone.
      Object made = factory.make(".txt", "ok", dir);
      if (made instanceof Closeable) {
        ((Closeable) made).close();
      }
    }
  }

  @Test
  void aNegativeMaxSizeIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    assertThrows(
        IllegalArgumentException.class, () -> TempFiles.spooledTemporaryFile(-1, null, null, dir));
    assertEquals(Set.of(), Place.names(dir));
  }
}
