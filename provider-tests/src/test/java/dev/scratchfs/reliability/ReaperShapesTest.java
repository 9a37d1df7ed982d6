package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.ChildJvmProcess;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes a process stopped at any instant leaves, made here by hand under the names scratchfs
 * gives them, and what {@code reap} does with each. A container being built is named {@code
 * .scratchfs-new-BOOT-PIDNS-PID-START-xxxxxx}, one being deleted {@code .scratchfs-del-…}, after
 * the process doing it; a final name holds a lock file while its file system lives. Removed: what
 * a process that is provably gone left, and lock files nobody holds. Kept: the same shapes while
 * their process lives, and every shape scratchfs never leaves.
 */
class ReaperShapesTest {
  private static final Duration CHILD = Duration.ofSeconds(60);
  private static String boot;
  private static String namespace;

  @TempDir Path dir;
  @TempDir Path outside;
  private Path decoy;

  @BeforeAll
  static void readThisMachine() throws Exception {
    Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
    Path ns = Path.of("/proc/self/ns/pid");
    assumeTrue(Files.isReadable(bootId) && Files.exists(ns), "process identities need Linux /proc");
    boot = Files.readString(bootId).trim().replace("-", "");
    namespace = Files.readSymbolicLink(ns).toString().replaceAll("[^0-9]", "");
  }

  private static String token(ProcessHandle process) {
    return boot + "-" + namespace + "-" + process.pid() + "-"
        + process.info().startInstant().orElseThrow().toEpochMilli();
  }

  /** A process identity of a JVM that has ended (started here, waited for). */
  private static String goneProcess() throws Exception {
    try (ChildJvmProcess child = ChildJvmProcess.start(LifecycleChild.class, "sleep")) {
      child.await("READY", CHILD);
      String token = token(child.handle());
      assertTrue(child.endInputAndWait(CHILD), "the child ended");
      return token;
    }
  }

  /** Makes a directory as scratchfs makes a container, holding what is asked. */
  private Path shape(String name, boolean lock, boolean root, boolean staging) throws Exception {
    Path c = shape(name, lock, root);
    if (staging) {
      Files.createDirectories(c.resolve("staging/entry-1"));
    }
    return c;
  }

  private Path shape(String name, boolean lock, boolean root) throws Exception {
    Path c = Files.createDirectory(dir.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (lock) {
      Files.createFile(c.resolve("owner.lock"));
    }
    if (root) {
      Files.createDirectories(c.resolve("root/work"));
      Files.writeString(c.resolve("root/work/data.txt"), "left behind");
      Files.createSymbolicLink(c.resolve("root/work/to-decoy"), decoy());
      Files.createSymbolicLink(c.resolve("root/to-precious"), decoy().resolve("precious.txt"));
    }
    return c;
  }

  /** A directory outside the reaped one that links in the shapes point at; it must survive. */
  private Path decoy() throws Exception {
    if (decoy == null) {
      decoy = Files.createDirectory(outside.resolve("decoy"));
      Files.writeString(decoy.resolve("precious.txt"), "keep");
    }
    return decoy;
  }

  private void assertDecoyIntact() throws Exception {
    try (Stream<Path> s = Files.list(decoy())) {
      assertEquals(List.of(decoy().resolve("precious.txt")), s.toList());
    }
    assertEquals("keep", Files.readString(decoy().resolve("precious.txt")));
  }

  private Set<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private Set<String> reap() throws Exception {
    List<Path> removed = TmpFileSystems.reap(dir);
    Set<String> names = new HashSet<>();
    for (Path p : removed) {
      assertEquals(dir, p.getParent());
      names.add(p.getFileName().toString());
    }
    assertEquals(removed.size(), names.size(), "each removed once: " + removed);
    return names;
  }

  @Test
  void whatAProcessThatIsGoneLeftIsReaped() throws Exception {
    String gone = goneProcess();
    Set<String> made = Set.of(
        shape(".scratchfs-new-" + gone + "-empty1", false, false).getFileName().toString(),
        shape(".scratchfs-new-" + gone + "-locked", true, false).getFileName().toString(),
        shape(".scratchfs-new-" + gone + "-built1", true, true).getFileName().toString(),
        shape(".scratchfs-del-" + gone + "-empty1", false, false).getFileName().toString(),
        shape(".scratchfs-del-" + gone + "-locked", true, false).getFileName().toString(),
        shape(".scratchfs-del-" + gone + "-half_1", true, true).getFileName().toString(),
        shape(".scratchfs-del-" + gone + "-stagd1", true, true, true).getFileName().toString(),
        shape("scratchfs-lock_1", true, false).getFileName().toString(),
        shape("scratchfs-full_1", true, true).getFileName().toString(),
        shape("scratchfs-used_1", true, true, true).getFileName().toString());

    assertEquals(made, reap());
    assertEquals(Set.of(), names());
    assertDecoyIntact();
  }

  @Test
  void whatALiveProcessIsBuildingOrDeletingIsKeptUntilItIsGone() throws Exception {
    Set<String> ofTheChild;
    try (ChildJvmProcess child = ChildJvmProcess.start(LifecycleChild.class, "sleep")) {
      child.await("READY", CHILD);
      String live = token(child.handle());
      ofTheChild = Set.of(
          shape(".scratchfs-new-" + live + "-empty1", false, false).getFileName().toString(),
          shape(".scratchfs-new-" + live + "-locked", true, false).getFileName().toString(),
          shape(".scratchfs-new-" + live + "-built1", true, true).getFileName().toString(),
          shape(".scratchfs-del-" + live + "-empty1", false, false).getFileName().toString());
      Path ofThisJvm = shape(".scratchfs-new-" + token(ProcessHandle.current()) + "-mine_1",
          false, false);

      assertEquals(Set.of(), reap(), "nothing of a live process is reaped");
      Set<String> all = new HashSet<>(ofTheChild);
      all.add(ofThisJvm.getFileName().toString());
      assertEquals(all, names());

      assertTrue(child.endInputAndWait(CHILD), "the child ended");
      assertEquals(ofTheChild, reap(), "the same shapes are reaped once their process is gone");
      assertEquals(Set.of(ofThisJvm.getFileName().toString()), names());
      assertDecoyIntact();
      Files.delete(ofThisJvm);
    }
  }

  @Test
  void shapesScratchfsNeverLeavesAreKept() throws Exception {
    String gone = goneProcess();
    String otherBoot = "0123456789abcdef0123456789abcdef" + gone.substring(32);
    shape(".scratchfs-new-" + gone + "-rtonly", false, true); // root/ is made after the lock
    shape(".scratchfs-del-" + gone + "-root_1", false, true); // the lock file goes after root/
    shape(".scratchfs-del-0-0-0-0-unknwn", false, false); // an identity that proves nothing
    shape(".scratchfs-new-" + otherBoot + "-boot_1", false, false); // another boot or machine
    shape(".scratchfs-new-" + gone + "x-badtok", false, false); // not a name scratchfs gives
    shape("scratchfs-empty1", false, false); // an empty directory may be anyone's
    shape("scratchfs-kept_1", false, true); // kept with cleanup=false
    shape("scratchfs-kept_2", false, true, true); // kept, with the provider's staging directory
    shape(".scratchfs-new-" + gone + "-stagd1", true, true, true); // staging/ comes after building
    Files.writeString(shape("scratchfs-extra1", true, true).resolve("notes.txt"), "mine");
    Path shared = shape(".scratchfs-new-" + gone + "-group1", true, true);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
    Set<String> before = names();

    assertEquals(Set.of(), reap());
    assertEquals(before, names());
    assertEquals("left behind",
        Files.readString(dir.resolve("scratchfs-kept_1/root/work/data.txt")));
  }

  @Test
  void aDirectoryOtherUsersCanWriteIsRefused() throws Exception {
    String gone = goneProcess();
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path abandoned = Files.createDirectory(open.resolve(".scratchfs-new-" + gone + "-empty1"));

    FileSystemException e =
        assertThrows(FileSystemException.class, () -> TmpFileSystems.reap(open));
    assertTrue(e.getMessage().contains(open.toString()) && e.getMessage().contains("sticky"),
        e.getMessage());
    assertTrue(Files.isDirectory(abandoned), "nothing is removed from a refused directory");
  }
}
