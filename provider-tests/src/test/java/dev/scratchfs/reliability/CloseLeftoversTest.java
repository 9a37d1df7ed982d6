package dev.scratchfs.reliability;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.testing.ChildJvmProcess;
import dev.scratchfs.testing.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code close()} does with trees it cannot simply delete, run by another user (uid 65534;
 * root ignores permissions) in a child JVM: directories its owner made unreadable ({@code chmod
 * 000}, {@code /} included) are deleted without following the links in them, and what really cannot
 * be deleted (a directory of root's inside the tree) is reported with the file system's own {@code
 * tmp:} paths, never the hidden container, and left in a shape that {@code reap} finishes once the
 * obstacle is gone. Every link points at a decoy this test made.
 */
class CloseLeftoversTest {
  private static final Duration CHILD = Duration.ofSeconds(60);

  @TempDir Path testDir;
  private Path theirs;

  @BeforeEach
  void directoryOfTheOtherUser() throws Exception {
    OtherUser.assumeAvailable();
    Files.setPosixFilePermissions(testDir, PosixFilePermissions.fromString("rwx--x--x"));
    Path shared = Files.createDirectory(testDir.resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 01777);
    theirs = Files.createDirectory(shared.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", OtherUser.ID);
    Files.setAttribute(theirs, "unix:gid", OtherUser.ID);
    Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
  }

  private static Set<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static void chmod(Path p, String mode) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
  }

  @Test
  void unreadableDirectoriesAreDeletedWithoutFollowingLinks() throws Exception {
    // The decoy belongs to the other user too, so a chmod that followed a link could change it.
    Path decoy = Files.createDirectory(testDir.resolve("decoy"));
    Files.writeString(decoy.resolve("precious.txt"), "keep");
    Files.setAttribute(decoy, "unix:uid", OtherUser.ID);
    chmod(decoy, "---------");
    try (ChildJvmProcess child =
        ChildJvmProcess.startAsOtherUser(testDir, LifecycleChild.class,
            "close-later", theirs.toString())) {
      Path container = Path.of(child.await("CONTAINER ", CHILD));
      Path root = container.resolve("root");
      Files.createSymbolicLink(root.resolve("a/b/to-decoy"), decoy);
      Files.createSymbolicLink(root.resolve("a/to-precious"), decoy.resolve("precious.txt"));
      chmod(root.resolve("a/b"), "---------");
      chmod(root.resolve("a"), "---------");
      chmod(root, "---------");

      child.send("close");
      child.await("END", CHILD);
      assertEquals(List.of("CLOSED"), child.seen().stream()
          .filter(l -> l.startsWith("CLOSED") || l.startsWith("TRACE")).limit(5).toList());
      assertFalse(Files.exists(container, NOFOLLOW_LINKS));
      assertEquals(Set.of(), names(theirs), "nothing is left of the file system");
    }
    assertEquals(PosixFilePermissions.fromString("---------"), Files.getPosixFilePermissions(decoy),
        "the decoy's mode was changed through a link");
    assertEquals(Set.of("precious.txt"), names(decoy));
    assertEquals("keep", Files.readString(decoy.resolve("precious.txt")));
  }

  @Test
  void whatCannotBeDeletedIsNamedByTmpPathsAndReapedOnceFreed() throws Exception {
    String trace;
    String shown;
    Path container;
    try (ChildJvmProcess child =
        ChildJvmProcess.startAsOtherUser(testDir, LifecycleChild.class,
            "close-later", theirs.toString())) {
      container = Path.of(child.await("CONTAINER ", CHILD));
      shown = child.await("SHOWN ", CHILD);
      // A directory of root's, with a file, inside the tree: its owner cannot empty it.
      Path blocker = Files.createDirectory(container.resolve("root/a/blocker"));
      Files.writeString(blocker.resolve("roots.txt"), "root's");

      child.send("close");
      child.await("END", CHILD);
      trace = String.join("\n", child.seen("TRACE "));
    }
    assertTrue(trace.contains(shown + "a/blocker"), "names the tmp: path left:\n" + trace);
    assertFalse(trace.contains(container.getFileName().toString()),
        "names the hidden container:\n" + trace);
    assertFalse(trace.contains(theirs.toString() + "/"), "names a path on disk:\n" + trace);

    // What is left is a container on its way out: a tombstone with the lock file beside root/.
    Set<String> left = names(theirs);
    assertEquals(1, left.size(), left.toString());
    Path tombstone = theirs.resolve(left.iterator().next());
    assertTrue(tombstone.getFileName().toString().startsWith(".scratchfs-del-"), left.toString());
    assertEquals(Set.of("owner.lock", "root"), names(tombstone));

    Files.delete(tombstone.resolve("root/a/blocker/roots.txt"));
    Files.delete(tombstone.resolve("root/a/blocker"));
    try (ChildJvmProcess reaper =
        ChildJvmProcess.startAsOtherUser(testDir, LifecycleChild.class,
            "reap", theirs.toString())) {
      reaper.await("DONE", CHILD);
      assertEquals(List.of(tombstone.toString()), reaper.seen("REMOVED "));
    }
    assertEquals(Set.of(), names(theirs));
  }
}
