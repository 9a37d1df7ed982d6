package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a link inside a {@code tmp:} file system leads nowhere outside its root: neither by
 * what is stored on disk nor by what reading, writing, creating and deleting through it reach.
 */
final class Escape {
  private Escape() {}

  /**
   * Fails if reading, writing, creating or deleting through {@code link} (if it exists) reaches
   * {@code decoy}, or if the link as stored on disk leads out of its file system's root.
   *
   * @param link a {@code tmp:} path that may be a symbolic link
   * @param entry the name of a decoy file the link's target holds if it leads to the decoy
   */
  static void assertNoWayOut(Path link, String entry, Decoy decoy) throws IOException {
    if (!Files.exists(link, NOFOLLOW_LINKS)) {
      decoy.assertUntouched();
      return;
    }
    List<String> reached = new ArrayList<>();
    Path through = link.resolve(entry);
    try {
      if (Decoy.content(entry).equals(Files.readString(through))) {
        reached.add("read the decoy's " + entry);
      }
    } catch (IOException refused) {
      // nothing read
    }
    try {
      Files.writeString(through, "written through " + link);
      if (Files.readString(decoy.dir().resolve(entry)).startsWith("written through")) {
        reached.add("overwrote the decoy's " + entry);
      }
    } catch (IOException refused) {
      // nothing written
    }
    try {
      Files.createFile(link.resolve("planted"));
      if (Files.exists(decoy.dir().resolve("planted"), NOFOLLOW_LINKS)) {
        reached.add("created a file in the decoy");
      }
    } catch (IOException refused) {
      // nothing created
    }
    try {
      Files.deleteIfExists(link.resolve("secret3"));
      if (!Files.exists(decoy.dir().resolve("secret3"), NOFOLLOW_LINKS)) {
        reached.add("deleted the decoy's secret3");
      }
    } catch (IOException refused) {
      // nothing deleted
    }
    assertEquals(List.of(), reached, "through " + link);
    decoy.assertUntouched();
    assertStoredTargetInside(link);
  }

  /**
   * Fails if the symbolic link {@code link}, as stored on disk, resolves lexically outside the
   * root of its own file system. Absolute targets are stored on disk as the real paths they stand
   * for, so a link moved into another file system that still names the first one's root fails too.
   */
  static void assertStoredTargetInside(Path link) throws IOException {
    Path onDisk = TmpFileSystems.unwrap(link);
    if (!Files.isSymbolicLink(onDisk)) {
      return;
    }
    Path root = TmpFileSystems.unwrap(link.getFileSystem().getPath("/"));
    Path stored = Files.readSymbolicLink(onDisk);
    Path lands = onDisk.getParent().resolve(stored).normalize();
    assertTrue(lands.startsWith(root) || lands.startsWith(root.toRealPath()),
        link + " is stored on disk as a link to " + stored + ", which leads to " + lands
            + ", outside its root " + root);
  }
}
