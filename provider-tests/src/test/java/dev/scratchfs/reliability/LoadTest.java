package dev.scratchfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.BufferedReader;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many creations at once, in threads and in processes: every name unique, nothing left behind. */
class LoadTest {
  @TempDir Path dir;

  private static Set<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void eightThreadsCreateEightThousandFilesInOneDirectory() throws Exception {
    int threads = 8;
    int each = 1_000;
    FileSystem fs = TmpFileSystems.builder().dir(dir).build();
    Path shared = Files.createDirectory(fs.getPath("/shared"));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Path>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int id = t;
        results.add(pool.submit(() -> {
          List<Path> mine = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            mine.add(i % 2 == 0
                ? Files.createTempFile(shared, "t", ".tmp")
                : Files.createFile(shared.resolve("n-" + id + "-" + i)));
          }
          return mine;
        }));
      }
      Set<Path> created = new HashSet<>();
      for (Future<List<Path>> r : results) {
        created.addAll(r.get(5, TimeUnit.MINUTES));
      }
      assertEquals(threads * each, created.size(), "every creation got its own name");
    } finally {
      pool.shutdownNow();
    }
    Path delegate = TmpFileSystems.unwrap(shared);
    assertEquals(threads * each, names(delegate).size(), "all of them are on disk");
    fs.close();
    assertEquals(Set.of(), names(dir), "nothing left behind");
  }

  @Test
  void fourJvmsCreateFiveHundredFilesEachInScratchAndInOneSharedPlainDirectory() throws Exception {
    int jvms = 4;
    int each = 500;
    Path scratchDir = Files.createDirectory(dir.resolve("scratch"));
    Path plain = Files.createDirectory(dir.resolve("plain"));
    List<Process> children = new ArrayList<>();
    try {
      for (int i = 0; i < jvms; i++) {
        children.add(ChildJvm.start("load", scratchDir.toString(), plain.toString(), "" + each));
      }
      List<String> names = new ArrayList<>();
      for (Process p : children) {
        BufferedReader out = ChildJvm.stdout(p);
        boolean done = false;
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("NAME ")) {
            names.add(line.substring(5));
          } else if (line.equals("DONE")) {
            done = true;
          }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue());
        assertTrue(done, "the child checked its own files and closed its file system");
      }
      assertEquals(jvms * each, names.size());
      assertEquals(jvms * each, new HashSet<>(names).size(), "no name given twice across JVMs");
      assertEquals(new HashSet<>(names), names(plain), "each name created exactly once on disk");
      assertEquals(Set.of(), names(scratchDir), "every child's scratch root deleted at close");
    } finally {
      for (Process p : children) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}
