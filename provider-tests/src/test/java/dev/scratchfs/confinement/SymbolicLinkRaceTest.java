package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, class 4: {@code createSymbolicLink} checks a relative target against the link's
 * directory, then creates the link by path. Another thread of the same program changing that
 * directory in between must not get a link that leads out of the root. Each race runs for three
 * seconds at most; every link that would escape is aimed at the decoy {@code testDir/decoy}.
 *
 * <p>Pure Java 17 NIO has no {@code symlinkat}, so the fix may close the window by re-checking
 * after creating and removing what escapes; the tests therefore check what is on disk, at every
 * step and at the end, not only what the call returned.
 */
@Tag("issue10")
class SymbolicLinkRaceTest {
  private static final long RACE_NANOS = TimeUnit.SECONDS.toNanos(3);

  @TempDir Path testDir;
  private Decoy decoy;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    Path work = Files.createDirectory(testDir.resolve("work"));
    decoy = Decoy.create(testDir.resolve("decoy"));
    fs = TmpFileSystems.builder().dir(work).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
    decoy.assertUntouched();
  }

  /** Runs {@code body} on a new thread until {@code stop} is set. */
  private static Thread loop(String name, AtomicBoolean stop, ThrowingRunnable body) {
    Thread t = new Thread(() -> {
      while (!stop.get()) {
        try {
          body.run();
        } catch (IOException | RuntimeException e) {
          // the other side of the race won this round
        }
      }
    }, name);
    t.start();
    return t;
  }

  /** One step of a racing thread. */
  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws IOException;
  }

  /**
   * The link's directory is missing when the target is checked and exists when the link is made:
   * {@code /p/link -> ../../../../decoy} climbs four levels from a directory one level below the
   * root (to {@code testDir/decoy}); it must never be created.
   */
  @Test
  void parentCreatedBetweenCheckAndCreationGivesNoEscapingLink() throws Exception {
    Path parent = fs.getPath("/p");
    Path link = parent.resolve("link");
    Path target = fs.getPath("../../../../decoy");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger cycles = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    // The other side works on the disk directly, as another thread or process of the owner may:
    // much faster than through tmp:, so the window is hit often.
    Path parentOnDisk = TmpFileSystems.unwrap(parent);
    Path linkOnDisk = TmpFileSystems.unwrap(link);
    Thread toggler = loop("parent toggler", stop, () -> {
      try {
        Files.createDirectory(parentOnDisk);
        cycles.incrementAndGet();
      } finally {
        Files.deleteIfExists(linkOnDisk);
        Files.deleteIfExists(parentOnDisk);
      }
    });
    // Two attackers: on a busy machine the window is hit when a thread is preempted inside it.
    List<String> escaped = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable attacker = () -> {
      long end = System.nanoTime() + RACE_NANOS;
      while (System.nanoTime() < end && escaped.isEmpty()) {
        attempts.incrementAndGet();
        try {
          Files.createSymbolicLink(link, target);
        } catch (IOException refusedOrNoParent) {
          continue;
        }
        // With its directory there the link is refused, without it it cannot be made: a link
        // that was made is one that would lead out.
        escaped.add("created " + link + " -> " + target);
      }
    };
    Thread second = new Thread(attacker, "second attacker");
    second.start();
    try {
      attacker.run();
      second.join(TimeUnit.SECONDS.toMillis(10));
    } finally {
      stop.set(true);
      toggler.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertTrue(cycles.get() > 20 || !escaped.isEmpty(),
        "the parent really came and went: " + cycles.get());
    assertEquals(List.of(), escaped, "escaping links created in " + attempts.get() + " attempts");
  }

  /**
   * The link's directory {@code /a/b/c} (three levels down, so {@code ../../../decoy} is allowed
   * there and names {@code /decoy}) is swapped for a link to {@code /} between the check and the
   * creation: the new link would then sit in the root, and lead to {@code testDir/decoy}. After
   * the race no link may sit in the root, nor may any of the links made lead out.
   */
  @Test
  void parentSwappedForALinkGivesNoEscapingLink() throws Exception {
    Path real = Files.createDirectories(fs.getPath("/a/b/c"));
    Path aside = fs.getPath("/a/b/aside");
    Path target = fs.getPath("../../../decoy");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    // The swap works on the disk directly, as another thread or process of the owner may: much
    // faster than through tmp:, so the window is hit often. The link it swaps in points at this
    // file system's own root.
    Path realOnDisk = TmpFileSystems.unwrap(real);
    Path asideOnDisk = TmpFileSystems.unwrap(aside);
    Path toRootOnDisk = Files.createSymbolicLink(
        TmpFileSystems.unwrap(fs.getPath("/a/b/toRoot")), TmpFileSystems.unwrap(fs.getPath("/")));
    Thread swapper = loop("parent swapper", stop, () -> {
      Files.move(realOnDisk, asideOnDisk);
      try {
        Files.move(toRootOnDisk, realOnDisk);
        swaps.incrementAndGet();
        Files.move(realOnDisk, toRootOnDisk);
      } finally {
        Files.move(asideOnDisk, realOnDisk);
      }
    });
    try {
      long end = System.nanoTime() + RACE_NANOS;
      for (int i = 0; System.nanoTime() < end; i++) {
        try {
          Files.createSymbolicLink(real.resolve("link" + i), target);
          created.incrementAndGet();
        } catch (IOException refused) {
          // refused, or the directory was away
        }
      }
    } finally {
      stop.set(true);
      swapper.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertTrue(swaps.get() > 20, "the directory really was swapped: " + swaps.get());
    List<String> inRoot;
    try (Stream<Path> entries = Files.list(fs.getPath("/"))) {
      inRoot = entries.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("link")).sorted().collect(Collectors.toList());
    }
    assertEquals(List.of(), inRoot,
        "links created in the root through the swapped directory (" + created.get() + " made)");
    try (Stream<Path> entries = Files.list(real)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        Escape.assertStoredTargetInside(p);
      }
    }
    assertTrue(Files.isDirectory(real, NOFOLLOW_LINKS));
  }

  /**
   * Red-team finding (classes 3 and 4 together): {@code Files.move} of {@code /a/b/c/x} to {@code
   * /x} while another thread swaps what {@code x} is between a regular file and the relative link
   * {@code ../../../decoy} (valid at {@code /a/b/c}, leading to {@code testDir/decoy} from the
   * root). A move that checks the entry and then renames it by name may carry the link up
   * unchecked. No moved entry may be a link that leads out.
   */
  @Test
  void linkSwappedInBeforeAMoveGivesNoEscapingLink() throws Exception {
    Path c = Files.createDirectories(fs.getPath("/a/b/c"));
    Files.createDirectory(fs.getPath("/decoy"));
    Path file = Files.writeString(c.resolve("f"), "plain file");
    Path link = Files.createSymbolicLink(c.resolve("l"), fs.getPath("../../../decoy"));
    Path source = c.resolve("x");
    Path target = fs.getPath("/x");
    // Hard links (link(2) does not follow a symbolic link) put either entry at x without ever
    // replacing anything, so both stay available under their own names.
    Path fileOnDisk = TmpFileSystems.unwrap(file);
    Path linkOnDisk = TmpFileSystems.unwrap(link);
    Path sourceOnDisk = TmpFileSystems.unwrap(source);
    Path targetOnDisk = TmpFileSystems.unwrap(target);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread swapper = loop("entry swapper", stop, () -> {
      try {
        Files.createLink(sourceOnDisk, fileOnDisk);
      } finally {
        Files.deleteIfExists(sourceOnDisk);
      }
      try {
        Files.createLink(sourceOnDisk, linkOnDisk);
        swaps.incrementAndGet();
      } finally {
        Files.deleteIfExists(sourceOnDisk);
      }
    });
    List<String> escaped = new ArrayList<>();
    int moves = 0;
    try {
      long end = System.nanoTime() + RACE_NANOS;
      while (System.nanoTime() < end && escaped.isEmpty()) {
        try {
          Files.move(source, target);
        } catch (IOException refusedOrAway) {
          continue;
        }
        moves++;
        if (Files.isSymbolicLink(targetOnDisk)) {
          Path stored = Files.readSymbolicLink(targetOnDisk);
          Path lands = targetOnDisk.getParent().resolve(stored).normalize();
          if (!lands.startsWith(TmpFileSystems.unwrap(fs.getPath("/")))) {
            escaped.add("moved a link to " + target + " -> " + stored);
          }
        }
        Files.deleteIfExists(targetOnDisk);
      }
    } finally {
      stop.set(true);
      swapper.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertTrue(swaps.get() > 20, "the entry really was swapped: " + swaps.get());
    assertEquals(List.of(), escaped, "in " + moves + " moves");
  }
}
