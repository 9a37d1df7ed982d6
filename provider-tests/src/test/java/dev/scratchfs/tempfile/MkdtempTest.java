package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** {@code mkdtemp}: an exclusively created, owner-only directory that the caller deletes. */
@ExtendWith(ResetsTempDir.class)
class MkdtempTest {
  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void createsAnEmptyOwnerOnlyDirectoryNamedAfterTheTemplate(Place place) throws IOException {
    for (String[] parts : MkstempTest.PARTS) {
      String prefix = parts[0];
      String suffix = parts[1];
      Path dir = TempFiles.mkdtemp(suffix, prefix, place.dir());
      assertEquals(place.dir(), dir.getParent());
      String name = dir.getFileName().toString();
      assertTrue(Place.namePattern(prefix, suffix).matcher(name).matches(), name);
      assertTrue(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS));
      assertEquals(Set.of(), Place.names(dir));
      assertEquals(Place.DIR_MODE, Place.modeOf(dir));
    }
    assertEquals(MkstempTest.PARTS.size(), place.names().size(), "mkdtemp leaves deletion to the caller");
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void manyCallsGiveDistinctDirectories(Place place) throws IOException {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      String name = TempFiles.mkdtemp(null, "aa", place.dir()).getFileName().toString();
      assertTrue(made.add(name), "duplicate " + name);
    }
    assertEquals(made, place.names());
  }

  @Test
  void theNoArgumentFormUsesTheDefaultDirectoryAndPrefix() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      Path dir = TempFiles.mkdtemp();
      assertEquals(place.dir(), dir.getParent());
      assertTrue(Place.namePattern("tmp", "").matcher(dir.getFileName().toString()).matches());
      assertEquals(Place.DIR_MODE, Place.modeOf(dir));
    }
  }
}
