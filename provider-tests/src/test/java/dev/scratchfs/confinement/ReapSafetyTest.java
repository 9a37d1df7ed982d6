package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.ChildJvmProcess;
import dev.scratchfs.testing.OtherUser;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TmpFileSystems.reap} against what other processes and other users do: it never releases a
 * lock this JVM holds (issue 10, class 1), never blocks on what it opens, and only considers
 * look-alike containers of the calling user (class 2). Every {@code reap} that could hang runs in
 * a child JVM that the test kills after a few seconds, so a hang fails the test instead of the
 * build.
 */
@Tag("issue10")
class ReapSafetyTest {
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(8);

  @TempDir Path testDir;
  private Path dir;

  @BeforeEach
  void makeDir() throws Exception {
    dir = Files.createDirectory(testDir.resolve("containers"));
  }

  private static Set<String> names(Path directory) throws Exception {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  /** A directory with exactly the layout of a container: {@code owner.lock} and {@code root/}. */
  private static Path lookAlike(Path container) throws Exception {
    Files.createDirectory(container);
    Files.createFile(container.resolve("owner.lock"));
    Files.createDirectory(container.resolve("root"));
    Files.writeString(container.resolve("root/precious.txt"), "keep");
    return container;
  }

  /** Runs {@code reap(dir)} in a child JVM and returns what it removed. */
  private List<String> reapInChild() throws Exception {
    try (ChildJvmProcess child = ChildJvmProcess.start(ConfinementChild.class,
        "reap", dir.toString())) {
      List<String> removed = new ArrayList<>();
      child.await("DONE", CHILD_TIMEOUT);
      for (String line : child.seen()) {
        if (line.startsWith("REMOVED ")) {
          removed.add(line.substring("REMOVED ".length()));
        }
      }
      return removed;
    }
  }

  /**
   * Class 1. POSIX record locks belong to the process: closing any descriptor of the lock file
   * drops the lock a live file system of this JVM holds on it. A {@code reap} in the owning JVM
   * must not do that, so a later {@code reap} in another process still sees the root as live.
   */
  @Test
  void reapInTheOwningJvmKeepsTheLockOfItsLiveFileSystem() throws Exception {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      Files.writeString(fs.getPath("/live.txt"), "in use");
      Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();

      assertEquals(List.of(), TmpFileSystems.reap(dir), "this JVM's own live root is kept");
      List<String> removedByOther = reapInChild();

      assertEquals(List.of(), removedByOther,
          "another process reaped the live root of this JVM after this JVM called reap()");
      assertTrue(Files.isDirectory(container, NOFOLLOW_LINKS), "the live container is still there");
      assertEquals("in use", Files.readString(fs.getPath("/live.txt")));
    }
    assertEquals(Set.of(), names(dir));
  }

  /**
   * Class 2, the plain case: a look-alike whose {@code owner.lock} is a FIFO. Opening a FIFO for
   * writing blocks until someone reads; {@code reap} must finish anyway (here within a few seconds,
   * in a child JVM) and leave the look-alike alone.
   */
  @Test
  void fifoAsLockFileDoesNotBlockReap() throws Exception {
    Path fake = Files.createDirectory(dir.resolve("scratchfs-fifo01"));
    Files.createDirectory(fake.resolve("root"));
    mkfifo(fake.resolve("owner.lock"));

    assertEquals(List.of(), reapInChild(), "a look-alike with a FIFO is not reaped");
    assertEquals(Set.of("owner.lock", "root"), names(fake));
  }

  /**
   * Class 2, the race: {@code owner.lock} swapped again and again between a regular file (locked
   * by this JVM, so never reaped) and a FIFO, while a child JVM calls {@code reap} in a loop for
   * two seconds. A reaper that checks the type and then opens by name opens the FIFO sooner or
   * later and blocks for ever; the child must print {@code DONE} within a few seconds.
   */
  @Test
  void lockFileSwappedBetweenFileAndFifoDoesNotBlockReap() throws Exception {
    Path fake = lookAlike(dir.resolve("scratchfs-swap01"));
    Path lock = fake.resolve("owner.lock");
    // Both files keep a second name outside the container, so each can be linked in again; the
    // container itself always holds exactly owner.lock and root/, the layout reap looks for.
    Path spare = Files.createDirectory(testDir.resolve("spare"));
    Path regular = Files.createLink(spare.resolve("regular"), lock);
    Path fifo = spare.resolve("fifo");
    mkfifo(fifo);
    try (FileChannel held = FileChannel.open(regular, StandardOpenOption.WRITE);
        FileLock ignored = held.lock();
        ChildJvmProcess child = ChildJvmProcess.start(ConfinementChild.class,
            "reap-loop", dir.toString(), "2000")) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger swaps = new AtomicInteger();
      Thread swapper = new Thread(() -> {
        Path next = spare.resolve("next");
        boolean toFifo = true;
        while (!stop.get()) {
          try {
            Files.createLink(next, toFifo ? fifo : regular);
            Files.move(next, lock, StandardCopyOption.ATOMIC_MOVE);
            swaps.incrementAndGet();
            toFifo = !toFifo;
          } catch (Exception e) {
            // reap may have been half-way through the container: try again
            try {
              Files.deleteIfExists(next);
            } catch (Exception ignore) {
              // next round
            }
          }
        }
      }, "owner.lock swapper");
      swapper.start();
      try {
        String calls = child.await("DONE", CHILD_TIMEOUT);
        assertTrue(Integer.parseInt(calls.trim()) > 0, "reap ran: " + calls);
      } finally {
        stop.set(true);
        swapper.join(TimeUnit.SECONDS.toMillis(10));
      }
      assertTrue(swaps.get() > 100, "the swapper really swapped: " + swaps.get());
      assertTrue(child.seen().stream().noneMatch(l -> l.startsWith("REMOVED")),
          "a look-alike whose lock is held was reaped: " + child.seen());
    }
  }

  /**
   * Class 2, ownership: look-alike containers made by another user (uid 65534, in a sticky
   * directory like {@code /tmp}) are not the caller's, so {@code reap} leaves them alone, even when
   * run by root, who could delete them. A look-alike of the caller's own in the same directory is
   * reaped, which shows the layout itself was accepted.
   */
  @Test
  void lookAlikesOfAnotherUserAreLeftAlone() throws Exception {
    OtherUser.assumeAvailable();
    OtherUser.mayTraverse(testDir, testDir);
    Path shared = OtherUser.stickyDirectory(testDir.resolve("shared"));
    Path theirs = shared.resolve("scratchfs-their01");
    OtherUser.sh("mkdir '" + theirs + "' '" + theirs + "/root' && : > '" + theirs + "/owner.lock'"
        + " && echo theirs > '" + theirs + "/root/data.txt'");
    Path mine = lookAlike(shared.resolve("scratchfs-mine01"));

    List<Path> removed = TmpFileSystems.reap(shared);

    assertEquals(List.of(mine), removed, "only the caller's own abandoned look-alike is reaped");
    assertEquals("theirs\n", Files.readString(theirs.resolve("root/data.txt")));
    assertEquals(Set.of("owner.lock", "root"), names(theirs));
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
  }
}
