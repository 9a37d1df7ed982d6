package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code mktemp}: a free name, nothing created. */
@SuppressWarnings("deprecation") // mktemp is deprecated on purpose; these tests check what it does
@ExtendWith(ResetsTempDir.class)
class MktempTest {
  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void returnsFreeNamesAndCreatesNothing(Place place) throws IOException {
    Set<Path> names = new HashSet<>();
    for (String[] parts : MkstempTest.PARTS) {
      Path name = TempFiles.mktemp(parts[1], parts[0], place.dir());
      assertEquals(place.dir(), name.getParent());
      assertTrue(
          Place.namePattern(parts[0], parts[1]).matcher(name.getFileName().toString()).matches());
      assertFalse(Files.exists(name, LinkOption.NOFOLLOW_LINKS));
      names.add(name);
    }
    for (int i = 0; i < 200; i++) {
      assertTrue(names.add(TempFiles.mktemp(null, "aa", place.dir())));
    }
    assertEquals(Set.of(), place.names(), "mktemp must not create anything");
    // The names are usable: each can be created exclusively.
    for (Path name : names) {
      Files.createFile(name);
    }
    assertEquals(names.size(), place.names().size());
  }

  @Test
  void theNoArgumentFormNamesSomethingInTheDefaultDirectory() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      Path name = TempFiles.mktemp();
      assertEquals(place.dir(), name.getParent());
      assertTrue(Place.namePattern("tmp", "").matcher(name.getFileName().toString()).matches());
      assertEquals(Set.of(), place.names());
    }
  }
}
