package dev.scratchfs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URIs of {@code tmp:} paths and file systems, compared as {@link URI} compares them. */
class UriTest {
  @TempDir Path testDir;

  @Test
  void namesDifferingOnlyInCaseAreEqualUrisAndOneFileSystem() throws IOException {
    assertEquals(URI.create("tmp://Build/"), URI.create("tmp://build/"), "hosts ignore case");
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).name("Build").build()) {
      assertThrows(FileSystemAlreadyExistsException.class, () -> FileSystems.newFileSystem(
          URI.create("tmp://build/"), Map.of("dir", testDir)));
      assertSame(fs, FileSystems.getFileSystem(URI.create("tmp://BUILD/")));
      Path p = Files.writeString(fs.getPath("/x"), "x");
      assertEquals(p, Path.of(URI.create("tmp://bUiLd/x")));
    }
    try (var left = Files.list(testDir)) {
      assertEquals(0, left.count(), "closing the named file system removed its container");
    }
  }

  @Test
  void aDirectoryUriEndsWithASlashAndRoundTrips() throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build()) {
      Path dir = Files.createDirectory(fs.getPath("/classes"));
      Path file = Files.writeString(fs.getPath("/classes/A.txt"), "a");
      URI dirUri = dir.toUri();
      assertTrue(dirUri.toString().endsWith("/classes/"), dirUri.toString());
      assertEquals(dir, Path.of(dirUri));
      assertEquals(file.toUri(), dirUri.resolve("A.txt"));
      assertTrue(fs.getPath("/missing").toUri().toString().endsWith("/missing"));
    }
  }
}
