package dev.scratchfs.accounting;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, class 7: the key of a watched directory that is deleted becomes invalid, is handed out
 * once more by {@code poll} (the same key object, as the JDK does), and is then dropped by the
 * watch service: once the caller lets go of it, nothing keeps it, so registering and deleting many
 * directories does not accumulate keys in a service that stays open. The same scenario is run on
 * the default file system, whose watch service drops such keys, so the test is known to be
 * passable.
 */
class WatchKeyRetentionTest {
  private static final int DIRECTORIES = 500;

  @TempDir Path dir;

  @Test
  void keysOfDeletedDirectoriesAreDroppedByAScratchWatchService() throws Exception {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      assertKeysOfDeletedDirectoriesAreDropped(Files.createDirectory(fs.getPath("/watched")));
    }
  }

  @Test
  void keysOfDeletedDirectoriesAreDroppedByTheDefaultWatchService() throws Exception {
    assertKeysOfDeletedDirectoriesAreDropped(Files.createDirectory(dir.resolve("watched")));
  }

  private static void assertKeysOfDeletedDirectoriesAreDropped(Path parent) throws Exception {
    try (WatchService service = parent.getFileSystem().newWatchService()) {
      List<WeakReference<WatchKey>> released = registerDeleteAndDrain(service, parent);
      int retained = retainedAfterGc(released);
      assertEquals(0, retained, retained + " of " + DIRECTORIES
          + " keys of deleted directories are still held by the open watch service");

      // The service still works afterwards.
      Path live = Files.createDirectory(parent.resolve("live"));
      WatchKey key = live.register(service, ENTRY_CREATE);
      Files.createFile(live.resolve("x"));
      WatchKey signalled = service.poll(10, TimeUnit.SECONDS);
      assertSame(key, signalled);
      List<WatchEvent<?>> events = signalled.pollEvents();
      assertEquals(ENTRY_CREATE, events.get(0).kind());
      assertEquals(parent.getFileSystem().getPath("x"), events.get(0).context());
    }
  }

  /**
   * Registers {@value #DIRECTORIES} directories, deletes them, takes every key once from {@code
   * poll} (checking it is the registered object and invalid), and returns weak references only.
   */
  private static List<WeakReference<WatchKey>> registerDeleteAndDrain(
      WatchService service, Path parent) throws IOException, InterruptedException {
    List<WatchKey> keys = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < DIRECTORIES; i++) {
      Path d = Files.createDirectory(parent.resolve("d" + i));
      WatchKey key = d.register(service, ENTRY_CREATE);
      assertTrue(key.isValid());
      keys.add(key);
      dirs.add(d);
    }
    for (Path d : dirs) {
      Files.delete(d);
    }
    Set<WatchKey> registered = Collections.newSetFromMap(new IdentityHashMap<>());
    registered.addAll(keys);
    Set<WatchKey> polled = Collections.newSetFromMap(new IdentityHashMap<>());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (polled.size() < DIRECTORIES && System.nanoTime() < deadline) {
      WatchKey signalled = service.poll(100, TimeUnit.MILLISECONDS);
      if (signalled != null) {
        assertTrue(registered.contains(signalled), "poll returned a key that register never did");
        signalled.pollEvents();
        polled.add(signalled);
      }
    }
    assertEquals(DIRECTORIES, polled.size(), "keys signalled for the deleted directories");
    for (WatchKey key : keys) {
      assertFalse(key.isValid(), "the key of a deleted directory is invalid");
    }
    List<WeakReference<WatchKey>> weak = new ArrayList<>();
    for (WatchKey key : keys) {
      weak.add(new WeakReference<>(key));
    }
    return weak;
  }

  private static int retainedAfterGc(List<WeakReference<WatchKey>> refs)
      throws InterruptedException {
    int retained = refs.size();
    for (int attempt = 0; attempt < 20 && retained > 0; attempt++) {
      System.gc();
      Thread.sleep(50);
      retained = (int) refs.stream().filter(r -> r.get() != null).count();
    }
    return retained;
  }
}
