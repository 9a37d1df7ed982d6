package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.BufferedReader;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery: what a killed JVM leaves, and what {@code reap} removes and keeps. */
class ReaperTest {
  @TempDir Path dir;

  private static Set<String> names(Path directory) throws Exception {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void killedOwnerIsReapedLiveOwnerIsKeptAndCleansUpAtExit() throws Exception {
    Process killed = ChildJvm.start("hold", dir.toString());
    Process alive = ChildJvm.start("hold", dir.toString());
    try {
      BufferedReader killedOut = ChildJvm.stdout(killed);
      BufferedReader aliveOut = ChildJvm.stdout(alive);
      Path killedContainer = Path.of(ChildJvm.await(killedOut, "CONTAINER "));
      Path aliveContainer = Path.of(ChildJvm.await(aliveOut, "CONTAINER "));
      assertEquals(Set.of("owner.lock", "root"), names(killedContainer));
      assertEquals(Set.of("owner.lock", "root"), names(aliveContainer));

      killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
      assertEquals(137, killed.exitValue());
      assertTrue(Files.isRegularFile(killedContainer.resolve("root/work/open.bin")),
          "a killed JVM leaves its container behind");
      assertEquals(4096, Files.size(killedContainer.resolve("root/work/open.bin")));

      List<Path> removed = TmpFileSystems.reap(dir);

      assertEquals(List.of(killedContainer), removed);
      assertFalse(Files.exists(killedContainer, LinkOption.NOFOLLOW_LINKS));
      assertTrue(Files.isRegularFile(aliveContainer.resolve("root/work/stream.txt")),
          "the container of a live JVM is never reaped");
      assertEquals("held", Files.readString(aliveContainer.resolve("root/work/stream.txt")));
      assertEquals(List.of(), TmpFileSystems.reap(dir), "a second reap finds nothing to remove");

      alive.destroy(); // SIGTERM: the JVM exits normally and its shutdown hook cleans up
      assertTrue(alive.waitFor(60, TimeUnit.SECONDS));
      assertEquals(143, alive.exitValue());
      assertFalse(Files.exists(aliveContainer, LinkOption.NOFOLLOW_LINKS));
      assertEquals(Set.of(), names(dir));
    } finally {
      killed.destroyForcibly().waitFor();
      alive.destroyForcibly().waitFor();
    }
  }

  @Test
  void liveFileSystemOfThisJvmIsNotReapedAndLeavesNothingAfterClose() throws Exception {
    Path container;
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      Files.writeString(fs.getPath("/a.txt"), "mine");
      container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
      assertEquals(Set.of("owner.lock", "root"), names(container));
      assertEquals(Set.of(), names(TmpFileSystems.unwrap(fs.getPath("/")).getParent().resolve("root"))
          .stream().filter(n -> n.equals("owner.lock")).collect(Collectors.toSet()),
          "the lock file is beside root/, not in it");
      assertEquals(List.of(), TmpFileSystems.reap(dir));
      assertEquals("mine", Files.readString(fs.getPath("/a.txt")));
    }
    assertEquals(Set.of(), names(dir));
  }

  @Test
  void treeKeptWithCleanupFalseIsNeverReaped() throws Exception {
    Path container;
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).cleanup(false).build()) {
      Files.writeString(fs.getPath("/kept.txt"), "debug me");
      container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    }
    assertEquals(Set.of("root"), names(container));
    assertEquals(List.of(), TmpFileSystems.reap(dir));
    assertEquals("debug me", Files.readString(container.resolve("root/kept.txt")));
  }

  @Test
  void reapLeavesAloneEverythingScratchfsDidNotCreate() throws Exception {
    Path decoy = Files.createDirectory(dir.resolve("DECOY"));
    Files.createFile(decoy.resolve("owner.lock"));
    Files.createDirectory(decoy.resolve("root"));
    Files.writeString(decoy.resolve("root/precious.txt"), "keep");

    // A link named like a container, to a directory with the exact layout.
    Files.createSymbolicLink(dir.resolve("scratchfs-link01"), decoy);
    // The layout plus one more entry.
    Path extra = layout(dir.resolve("scratchfs-extra1"));
    Files.writeString(extra.resolve("notes.txt"), "x");
    // owner.lock is a link (to a decoy file), not a regular file.
    Path linked = Files.createDirectory(dir.resolve("scratchfs-lnklck"));
    Files.createDirectory(linked.resolve("root"));
    Files.createSymbolicLink(linked.resolve("owner.lock"), decoy.resolve("owner.lock"));
    // root is a file, not a directory.
    Path fileRoot = Files.createDirectory(dir.resolve("scratchfs-fileroot"));
    Files.createFile(fileRoot.resolve("owner.lock"));
    Files.createFile(fileRoot.resolve("root"));
    // The right layout but a name without six [a-z0-9_] in a row.
    Path badName = layout(dir.resolve("SCRATCH-X-Y"));
    // A regular file named like a container.
    Files.writeString(dir.resolve("scratchfs-plain1"), "file");
    // The layout and a name of ours, unlocked: indistinguishable from an abandoned root.
    Path abandoned = layout(dir.resolve("scratchfs-abc123"));

    List<Path> removed = TmpFileSystems.reap(dir);

    assertEquals(List.of(abandoned), removed);
    assertEquals(
        Set.of("DECOY", "scratchfs-link01", "scratchfs-extra1", "scratchfs-lnklck",
            "scratchfs-fileroot", "SCRATCH-X-Y", "scratchfs-plain1"),
        names(dir));
    assertEquals("keep", Files.readString(decoy.resolve("root/precious.txt")));
    assertEquals(Set.of("owner.lock", "root", "notes.txt"), names(extra));
    assertEquals(Set.of("owner.lock", "root"), names(linked));
    assertEquals(Set.of("owner.lock", "root"), names(badName));
    assertTrue(Files.isSymbolicLink(dir.resolve("scratchfs-link01")));
  }

  @Test
  void noLockFileOverOtherDelegates() throws Exception {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem fs =
            TmpFileSystems.builder().dir(Files.createDirectory(jimfs.getPath("/tmp"))).build()) {
      Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
      assertEquals(Set.of("root"), names(container));
      assertEquals(List.of(), TmpFileSystems.reap(jimfs.getPath("/tmp")));
      assertTrue(Files.isDirectory(container));
    }
  }

  private static Path layout(Path container) throws Exception {
    Files.createDirectory(container);
    Files.createFile(container.resolve("owner.lock"));
    Files.createDirectory(container.resolve("root"));
    return container;
  }
}
