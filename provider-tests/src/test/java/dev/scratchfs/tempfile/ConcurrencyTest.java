package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Many threads creating in one directory at once all get their own, distinct entries. */
class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int EACH = 200;

  /** One creation; returns the path made. */
  @FunctionalInterface
  interface Creation {
    Path make(Path dir) throws Exception;
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void eightThreadsMakeTwoHundredFilesEach(Place place) throws Exception {
    List<Path> made =
        runConcurrently(
            place.dir(),
            dir -> {
              try (TempFile file = TempFiles.mkstemp(".c", "conc", dir)) {
                return file.path();
              }
            });
    checkAllDistinctAndPresent(place, made);
    for (Path path : made) {
      assertTrue(Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void eightThreadsMakeTwoHundredDirectoriesEach(Place place) throws Exception {
    List<Path> made = runConcurrently(place.dir(), dir -> TempFiles.mkdtemp(null, "d", dir));
    checkAllDistinctAndPresent(place, made);
    for (Path path : made) {
      assertTrue(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS));
    }
  }

  private static List<Path> runConcurrently(Path dir, Creation creation) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Path>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Callable<List<Path>> worker =
            () -> {
              start.await();
              List<Path> mine = new ArrayList<>();
              for (int i = 0; i < EACH; i++) {
                mine.add(creation.make(dir));
              }
              return mine;
            };
        futures.add(pool.submit(worker));
      }
      start.countDown();
      List<Path> all = new ArrayList<>();
      for (Future<List<Path>> future : futures) {
        all.addAll(future.get(2, TimeUnit.MINUTES));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void checkAllDistinctAndPresent(Place place, List<Path> made) throws Exception {
    assertEquals(THREADS * EACH, made.size());
    Set<String> names = new HashSet<>();
    for (Path path : made) {
      names.add(path.getFileName().toString());
    }
    assertEquals(THREADS * EACH, names.size(), "two threads got the same name");
    assertEquals(names, place.names());
  }
}
