package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process of the same user swaps a live container for something else before {@code close()}:
 * cleanup refuses to delete what it did not make, and never reaches through a planted link. The
 * real container, moved aside by the test, keeps its files (nothing was deleted by mistake for
 * it either). The link planted in its place points at a {@link Decoy}.
 */
class SwappedContainerCloseTest {
  @TempDir Path testDir;
  private Path work;
  private Decoy decoy;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectory(testDir.resolve("work"));
    decoy = Decoy.create(testDir.resolve("decoy"));
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().collect(Collectors.toList());
    }
  }

  /** Makes a file system with one file and moves its container aside; returns the container. */
  private Path liveContainerMovedAside(FileSystem fs) throws IOException {
    Files.writeString(fs.getPath("/kept"), "scratch data");
    List<Path> made = entries(work);
    assertEquals(1, made.size(), "one container in " + work);
    Path container = made.get(0);
    Files.move(container, testDir.resolve("moved-aside"));
    return container;
  }

  @Test
  void aContainerSwappedForALinkIsNotFollowed() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(work).build();
    Path container = liveContainerMovedAside(fs);
    Files.createSymbolicLink(container, decoy.dir());

    IOException refused = assertThrows(IOException.class, fs::close);

    assertTrue(refused.toString().contains("replaced"), refused.toString());
    decoy.assertUntouched();
    assertEquals("scratch data",
        Files.readString(testDir.resolve("moved-aside").resolve("root").resolve("kept")));
    for (Path left : entries(work)) {
      assertTrue(Files.isSymbolicLink(left), "only the planted link is left: " + left);
    }
  }

  @Test
  void aContainerSwappedForAnotherDirectoryKeepsItsFiles() throws IOException {
    FileSystem fs = TmpFileSystems.builder().dir(work).build();
    Path container = liveContainerMovedAside(fs);
    Files.createDirectories(container.resolve("root"));
    Files.writeString(container.resolve("root").resolve("theirs"), "not scratch data");
    Files.writeString(container.resolve("owner.lock"), "");

    IOException refused = assertThrows(IOException.class, fs::close);

    assertTrue(refused.toString().contains("replaced"), refused.toString());
    List<Path> left = entries(work);
    assertEquals(1, left.size(), "the planted directory, under whatever name: " + left);
    assertTrue(Files.isDirectory(left.get(0), NOFOLLOW_LINKS));
    assertEquals("not scratch data",
        Files.readString(left.get(0).resolve("root").resolve("theirs")));
    assertEquals("scratch data",
        Files.readString(testDir.resolve("moved-aside").resolve("root").resolve("kept")));
  }
}
