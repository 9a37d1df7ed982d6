package dev.scratchfs.tempfile;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempDirectory;
import dev.scratchfs.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code temporaryDirectory}: close removes the whole tree, read-only parts included, and never what a
 * link inside it points at. Every link points into a decoy the test made outside the tree.
 */
@ExtendWith(ResetsTempDir.class)
class TemporaryDirectoryTest {
  private static final Set<PosixFilePermission> READ_ONLY_DIR =
      PosixFilePermissions.fromString("r-xr-x---");
  private static final Set<PosixFilePermission> READ_ONLY_FILE =
      PosixFilePermissions.fromString("r--r-----");

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void closeRemovesTheTreeButNothingALinkPointsAt(Place place, @TempDir Path outside)
      throws IOException {
    // The decoy: outside the place, read-only, so that a chmod through a link would show too.
    Path decoyParent =
        "default".equals(place.toString())
            ? outside
            : Files.createDirectory(place.dir().getFileSystem().getPath("/outside"));
    Path decoy = Files.createDirectory(decoyParent.resolve("decoy"));
    Files.writeString(decoy.resolve("one"), "1");
    Path decoyInner = Files.createDirectory(decoy.resolve("inner"));
    Files.writeString(decoyInner.resolve("two"), "2");
    Path decoyFile = Files.writeString(decoyParent.resolve("decoy-file"), "f");
    Files.setPosixFilePermissions(decoyInner, READ_ONLY_DIR);
    Files.setPosixFilePermissions(decoy, READ_ONLY_DIR);

    try {
      TempDirectory temp = TempFiles.temporaryDirectory(".d", "tree", place.dir());
      Path root = temp.path();
      assertEquals(place.dir(), root.getParent());
      assertTrue(Place.namePattern("tree", ".d").matcher(root.getFileName().toString()).matches());
      assertEquals(Place.DIR_MODE, Place.modeOf(root));

      Path deep = Files.createDirectories(root.resolve("a/b/c"));
      Files.writeString(deep.resolve("file.txt"), "deep");
      Files.writeString(root.resolve("a/x"), "x");
      Files.createSymbolicLink(root.resolve("link-to-decoy"), decoy);
      Files.createSymbolicLink(root.resolve("a/b/link-to-file"), decoyFile);
      Files.createSymbolicLink(root.resolve("dangling"), decoyParent.resolve("nothing-here"));
      Path readOnly = Files.createDirectories(root.resolve("ro/deeper"));
      Files.writeString(readOnly.resolve("f3"), "3");
      Files.createSymbolicLink(readOnly.resolve("link-to-decoy-inner"), decoyInner);
      Path readOnlyFile = Files.writeString(root.resolve("ro/f1"), "1");
      Files.setPosixFilePermissions(readOnlyFile, READ_ONLY_FILE);
      Files.setPosixFilePermissions(readOnly, READ_ONLY_DIR);
      Files.setPosixFilePermissions(root.resolve("ro"), READ_ONLY_DIR);

      temp.close();

      assertFalse(Files.exists(root, NOFOLLOW_LINKS));
      assertEquals(Set.of(), place.names());
      temp.close(); // a second close does nothing
      assertEquals(Set.of(), place.names());

      assertEquals(Set.of("decoy", "decoy-file"), Place.names(decoyParent));
      assertEquals(Set.of("inner", "one"), Place.names(decoy));
      assertEquals(Set.of("two"), Place.names(decoyInner));
      assertEquals("1", Files.readString(decoy.resolve("one")));
      assertEquals("2", Files.readString(decoyInner.resolve("two")));
      assertEquals("f", Files.readString(decoyFile));
      assertEquals(READ_ONLY_DIR, Place.modeOf(decoy), "the decoy's mode must not change");
      assertEquals(READ_ONLY_DIR, Place.modeOf(decoyInner), "the decoy's mode must not change");
    } finally {
      Files.setPosixFilePermissions(decoy, Place.DIR_MODE);
      Files.setPosixFilePermissions(decoyInner, Place.DIR_MODE);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void tryWithResourcesRemovesTheDirectory(Place place) throws IOException {
    Path root;
    try (TempDirectory temp = TempFiles.temporaryDirectory(null, null, place.dir())) {
      root = temp.path();
      Files.writeString(root.resolve("f"), "data");
      assertEquals(Set.of(root.getFileName().toString()), place.names());
    }
    assertFalse(Files.exists(root, NOFOLLOW_LINKS));
    assertEquals(Set.of(), place.names());
  }

  @Test
  void aDirectoryTheCallerAlreadyRemovedIsNoError() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempDirectory temp = TempFiles.temporaryDirectory(null, null, place.dir());
      Files.delete(temp.path());
      temp.close();
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void theNoArgumentFormUsesTheDefaults() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFiles.settempdir(place.dir());
      Path root;
      try (TempDirectory temp = TempFiles.temporaryDirectory()) {
        root = temp.path();
        assertEquals(place.dir(), root.getParent());
        assertTrue(Place.namePattern("tmp", "").matcher(root.getFileName().toString()).matches());
      }
      assertFalse(Files.exists(root, NOFOLLOW_LINKS));
    }
  }
}
