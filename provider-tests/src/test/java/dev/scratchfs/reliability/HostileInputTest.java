package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.io.TreeDeleter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input: generated path strings, a link swapped in during deletion, injected options. */
class HostileInputTest {
  @TempDir Path dir;

  private static final String[] NAMES = {
    "..", ".", "", "a", "b c", "...", "-", "~", ".hidden", "é", "日本語", "\uD83D\uDE00", "a..b",
    "x".repeat(255), "root", "owner.lock", "\\", ":", "*", "?"
  };
  private static final String[] SEPARATORS = {"/", "//", "///"};

  private static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
    }
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(3) == 0 ? ".." : NAMES[r.nextInt(NAMES.length)]);
      if (i < n - 1 || r.nextInt(4) == 0) {
        sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
      }
    }
    if (r.nextInt(50) == 0) {
      sb.insert(r.nextInt(sb.length() + 1), '\0');
    }
    return sb.toString();
  }

  @Test
  void noGeneratedPathMapsOutsideTheRoot() throws IOException {
    Random random = new Random(20240611L);
    int tried = 0;
    int refused = 0;
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      Path root = TmpFileSystems.unwrap(fs.getPath("/"));
      Path base = fs.getPath("/base/dir");
      for (int i = 0; i < 20_000; i++) {
        String s = generate(random);
        tried++;
        Path p;
        Path resolved;
        try {
          p = fs.getPath(s);
          resolved = base.resolve(s);
        } catch (InvalidPathException nul) {
          assertTrue(s.indexOf('\0') >= 0, s);
          refused++;
          continue;
        }
        for (Path q : List.of(p, resolved, p.normalize(), base.relativize(resolved.toAbsolutePath()))) {
          Path u = TmpFileSystems.unwrap(q);
          assertTrue(u.startsWith(root), () -> s + " -> " + u);
          for (Path name : u) {
            assertFalse(name.toString().equals("..") || name.toString().equals("."), () -> s + " -> " + u);
          }
          assertEquals(u, u.normalize(), s);
        }
      }
    }
    assertTrue(tried == 20_000 && refused > 100 && refused < 1_000, "refused " + refused);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
  }

  /** Builds a tree with a subdirectory {@code sub} of 20 files and nested directories. */
  private static void tree(Path victim) throws IOException {
    Path sub = Files.createDirectories(victim.resolve("sub/deep/deeper"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(victim.resolve("sub/f" + i), "v");
      Files.writeString(victim.resolve("sub/deep/g" + i), "v");
      Files.writeString(victim.resolve("n" + i), "v");
    }
    Files.writeString(sub.resolve("h"), "v");
  }

  private static Path decoy(Path dir) throws IOException {
    Path decoy = Files.createDirectories(dir.resolve("decoy"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(decoy.resolve("precious" + i), "keep " + i);
    }
    Files.createDirectories(decoy.resolve("nested/inner"));
    Files.writeString(decoy.resolve("nested/inner/x"), "keep x");
    return decoy;
  }

  private static void assertDecoyIntact(Path decoy) throws IOException {
    for (int i = 0; i < 5; i++) {
      assertEquals("keep " + i, Files.readString(decoy.resolve("precious" + i)));
    }
    assertEquals("keep x", Files.readString(decoy.resolve("nested/inner/x")));
    try (Stream<Path> s = Files.list(decoy)) {
      assertEquals(6, s.count());
    }
  }

  /** Swaps {@code victim/sub} for a link to the decoy and back, as fast as it can, boundedly. */
  private static final class Swapper extends Thread {
    final Path sub;
    final Path aside;
    final Path decoy;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger swaps = new AtomicInteger();

    Swapper(Path victim, Path decoy) {
      this.sub = victim.resolve("sub");
      this.aside = victim.resolve("aside");
      this.decoy = decoy;
    }

    @Override
    public void run() {
      for (int i = 0; i < 5_000 && !stop.get(); i++) {
        try {
          Files.move(sub, aside);
          Files.createSymbolicLink(sub, decoy);
          swaps.incrementAndGet();
          Thread.onSpinWait();
          Files.delete(sub); // the link only
          Files.move(aside, sub);
        } catch (IOException | RuntimeException deletedUnderneath) {
          if (!Files.exists(sub.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            return;
          }
        }
      }
    }

    void finish() throws InterruptedException {
      stop.set(true);
      join();
    }
  }

  @Test
  void closeNeverFollowsASubdirectorySwappedForALink() throws Exception {
    Path decoy = decoy(dir);
    Path scratch = Files.createDirectory(dir.resolve("scratch"));
    int rounds = 40;
    int swapsSeen = 0;
    for (int round = 0; round < rounds; round++) {
      FileSystem fs = TmpFileSystems.builder().dir(scratch).build();
      Path victim = TmpFileSystems.unwrap(Files.createDirectory(fs.getPath("/victim")));
      tree(victim);
      Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
      Swapper swapper = new Swapper(victim, decoy);
      swapper.start();
      while (swapper.swaps.get() < 1 + round % 5 && swapper.isAlive()) {
        Thread.onSpinWait();
      }
      try {
        fs.close();
      } catch (IOException raced) {
        // The swapper created entries while the tree was deleted; what matters is the decoy.
      }
      swapper.finish();
      swapsSeen += swapper.swaps.get();
      TreeDeleter.deleteTree(container);
      assertDecoyIntact(decoy);
    }
    assertTrue(swapsSeen >= rounds, "swaps: " + swapsSeen);
    assertEquals(Set.of("decoy", "scratch"), names(dir));
    assertEquals(Set.of(), names(scratch));
  }

  @Test
  void treeDeleterNeverFollowsASubdirectorySwappedForALink() throws Exception {
    Path decoy = decoy(dir);
    for (int round = 0; round < 40; round++) {
      Path victim = Files.createDirectory(dir.resolve("victim" + round));
      tree(victim);
      Swapper swapper = new Swapper(victim, decoy);
      swapper.start();
      while (swapper.swaps.get() < 1 + round % 5 && swapper.isAlive()) {
        Thread.onSpinWait();
      }
      try {
        TreeDeleter.deleteTree(victim);
      } catch (IOException raced) {
        // See above.
      }
      swapper.finish();
      TreeDeleter.deleteTree(victim);
      assertFalse(Files.exists(victim, LinkOption.NOFOLLOW_LINKS));
      assertDecoyIntact(decoy);
    }
    assertEquals(Set.of("decoy"), names(dir));
  }

  private static Set<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void nulAndSeparatorInjectionInEveryStringOptionIsRefused() throws IOException {
    Map<String, List<String>> bad = Map.of(
        "dir", List.of("a\0b", ""),
        "prefix", List.of("a/b", "a\0b", "../x", "/"),
        "suffix", List.of("a/b", "a\0b", "/.."),
        "quota", List.of("1\0", "1/2", "1\0MiB", "../1"),
        "leaks", List.of("fail\0", "fa/il", "close\0x"),
        "cleanup", List.of("true\0", "tr/ue", "false\0"));
    int cases = 0;
    for (Map.Entry<String, List<String>> option : bad.entrySet()) {
      for (String value : option.getValue()) {
        Map<String, Object> env = new HashMap<>();
        env.put("dir", dir);
        env.put(option.getKey(), value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FileSystems.newFileSystem(URI.create("tmp:/"), env), option + "=" + value);
        assertTrue(e.getMessage().contains(option.getKey()), e.getMessage());
        assertFalse(e.getMessage().indexOf('\0') >= 0, "a raw NUL in the message: " + e.getMessage());
        cases++;
      }
    }
    for (String name : List.of("a/b", "a\0b", "a b", "a?b", "a#b", "x/../y")) {
      assertThrows(IllegalArgumentException.class,
          () -> TmpFileSystems.builder().dir(dir).name(name).build().close(), name);
      cases++;
    }
    assertEquals(25, cases);
    assertEquals(Set.of(), names(dir), "nothing was created for any refused option");
  }
}
