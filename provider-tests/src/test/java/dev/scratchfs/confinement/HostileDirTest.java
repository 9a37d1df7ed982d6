package dev.scratchfs.confinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.OtherUser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, class 9: a {@code dir} that another user can write in, without the sticky bit, lets
 * that user rename the container after creation and put their own in its place; the owner's writes
 * would then follow their links. {@code newFileSystem} refuses such a directory with a {@link
 * FileSystemException} naming it and saying why, and creates nothing in it.
 * A sticky directory writable by all (like {@code /tmp}, mode {@code 1777}) is fine.
 *
 * <p>Decisions (red-team findings beyond the wording, same attack): a directory owned by
 * another user (neither the caller nor root) is as hostile, since its owner may rename anything in
 * it, sticky or not; and so is a {@code dir} below a directory that others can write without the
 * sticky bit, since there the whole {@code dir} can be renamed away and replaced. Root's
 * directories and the caller's own, up to {@code /}, are trusted.
 */
@Tag("issue10")
class HostileDirTest {
  @TempDir Path testDir;

  private static void chmod(String mode, Path p) throws Exception {
    Process chmod = new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start();
    assertTrue(chmod.waitFor(10, TimeUnit.SECONDS) && chmod.exitValue() == 0, "chmod " + p);
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static void assertRefused(Path dir, Path named, String why) throws IOException {
    Set<String> before = names(dir);
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", dir)).close(),
        "newFileSystem in " + why);
    assertTrue(e.getMessage().contains(named.toString()),
        "the exception names the directory " + named + ": " + e.getMessage());
    String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
    assertTrue(reason.contains("writ") || reason.contains("owned"),
        "the reason says what is wrong: " + e.getMessage());
    assertEquals(before, names(dir), "nothing is created in a refused dir");
  }

  @Test
  void directoryWritableByOthersWithoutStickyBitIsRefused() throws Exception {
    Path open = Files.createDirectory(testDir.resolve("open"));
    chmod("0777", open);
    assertRefused(open, open, "a rwxrwxrwx directory without the sticky bit");
  }

  @Test
  void stickyDirectoryWritableByAllIsAccepted() throws Exception {
    Path sticky = Files.createDirectory(testDir.resolve("sticky"));
    chmod("1777", sticky);
    try (FileSystem fs = TmpFileSystems.builder().dir(sticky).build()) {
      Files.writeString(fs.getPath("/a.txt"), "fine");
      assertEquals(1, names(sticky).size());
    }
    assertEquals(Set.of(), names(sticky));
  }

  /** Finding: another user owns the directory (made here by root handing it over, mode 0755). */
  @Test
  void directoryOwnedByAnotherUserIsRefused() throws Exception {
    Path theirs = Files.createDirectory(testDir.resolve("theirs"));
    try {
      Files.setAttribute(theirs, "unix:uid", OtherUser.ID);
      Files.setAttribute(theirs, "unix:gid", OtherUser.ID);
    } catch (FileSystemException notRoot) {
      assumeTrue(false, "only root can hand a directory to uid " + OtherUser.ID + ": " + notRoot);
    }
    chmod("0755", theirs);
    assertRefused(theirs, theirs, "a directory owned by uid " + OtherUser.ID);
  }

  /** Finding: the caller's own {@code 0700} directory, inside a {@code 0777} non-sticky one. */
  @Test
  void directoryBelowOneWritableByOthersIsRefused() throws Exception {
    Path open = Files.createDirectory(testDir.resolve("open"));
    chmod("0777", open);
    Path mine = Files.createDirectory(open.resolve("mine"));
    chmod("0700", mine);
    assertRefused(mine, open, "a directory below a rwxrwxrwx one without the sticky bit");
  }

  /**
   * The same {@code dir} again, after one of its ancestors lost the sticky bit: every file system
   * reads the whole chain afresh, so the second one is refused.
   */
  @Test
  void anAncestorChangedBetweenTwoFileSystemsIsSeenByTheSecond() throws Exception {
    Path shared = Files.createDirectory(testDir.resolve("shared"));
    chmod("1777", shared);
    Path mine = Files.createDirectory(shared.resolve("mine"));
    chmod("0700", mine);
    try (FileSystem first = TmpFileSystems.builder().dir(mine).build()) {
      assertTrue(Files.isDirectory(first.getPath("/")));
    }
    chmod("0777", shared);
    assertRefused(mine, shared, "a directory whose parent lost its sticky bit since the last check");
  }
}
