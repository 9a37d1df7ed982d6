package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Watch services. Nothing here depends on timing: each step waits (up to a generous deadline) for
 * the event it causes, and what is recorded is which kinds and contexts were seen.
 */
final class WatchScenarios {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

  private WatchScenarios() {}

  /**
   * Polls until an event of {@code kind} for {@code name} was seen; adds every event seen on the
   * way to {@code seen} as "KIND name", resetting keys.
   *
   * @return whether the awaited event came before the deadline
   */
  static boolean await(WatchService ws, WatchEvent.Kind<?> kind, String name, Set<String> seen)
      throws InterruptedException {
    String wanted = kind.name() + " " + name;
    long end = System.nanoTime() + DEADLINE_NANOS;
    while (!seen.contains(wanted)) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      WatchKey key = ws.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)),
          TimeUnit.NANOSECONDS);
      if (key != null) {
        for (WatchEvent<?> e : key.pollEvents()) {
          seen.add(e.kind().name() + " " + e.context());
        }
        key.reset();
      }
    }
    return true;
  }

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("watch");

    t.add("create modify delete", (w, o) -> {
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        WatchKey key = w.register(ws, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        o.note("watchable", key.watchable());
        Set<String> seen = new TreeSet<>();
        Path f = w.resolve("f");
        Files.createFile(f);
        o.note("create", await(ws, ENTRY_CREATE, "f", seen));
        Files.writeString(f, "modified");
        o.note("modify", await(ws, ENTRY_MODIFY, "f", seen));
        Files.delete(f);
        o.note("delete", await(ws, ENTRY_DELETE, "f", seen));
        o.note("seen", seen);
      }
    });
    t.add("event context type", (w, o) -> {
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        w.register(ws, ENTRY_CREATE);
        Files.createDirectory(w.resolve("sub"));
        WatchKey key = ws.poll(20, TimeUnit.SECONDS);
        o.note("gotKey", key != null);
        if (key != null) {
          WatchEvent<?> e = key.pollEvents().get(0);
          o.note("kind", e.kind().name());
          o.note("contextIsRelativePath",
              e.context() instanceof Path && !((Path) e.context()).isAbsolute());
          o.note("sameFileSystem", ((Path) e.context()).getFileSystem() == w.getFileSystem());
          o.note("resolved", w.resolve((Path) e.context()));
          o.note("count", e.count());
        }
      }
    });
    t.add("only registered kinds", (w, o) -> {
      file(w, "f", "x");
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        w.register(ws, ENTRY_DELETE);
        Set<String> seen = new TreeSet<>();
        Files.writeString(w.resolve("f"), "y");
        Files.delete(w.resolve("f"));
        o.note("delete", await(ws, ENTRY_DELETE, "f", seen));
        o.note("seen", seen);
      }
    });
    t.add("rename within directory", (w, o) -> {
      file(w, "a", "x");
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        w.register(ws, ENTRY_CREATE, ENTRY_DELETE);
        Set<String> seen = new TreeSet<>();
        Files.move(w.resolve("a"), w.resolve("b"));
        o.note("created", await(ws, ENTRY_CREATE, "b", seen));
        o.note("deleted", await(ws, ENTRY_DELETE, "a", seen));
        o.note("seen", seen);
      }
    });
    t.add("subdirectory watched separately", (w, o) -> {
      Path sub = dir(w, "sub");
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        WatchKey key = sub.register(ws, ENTRY_CREATE);
        o.note("watchable", key.watchable());
        Set<String> seen = new TreeSet<>();
        Files.createFile(sub.resolve("inner"));
        o.note("created", await(ws, ENTRY_CREATE, "inner", seen));
        o.note("seen", seen);
      }
    });
    t.add("register errors", (w, o) -> {
      Path f = file(w, "f", "x");
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        o.attempt("missing", () -> w.resolve("nope").register(ws, ENTRY_CREATE));
        o.attempt("file", () -> f.register(ws, ENTRY_CREATE));
        WatchKey a = w.register(ws, ENTRY_CREATE);
        WatchKey b = w.register(ws, ENTRY_DELETE);
        o.note("sameKey", a == b || a.equals(b));
      }
    });
    t.add("cancel and close", (w, o) -> {
      WatchService ws = w.getFileSystem().newWatchService();
      WatchKey key = w.register(ws, ENTRY_CREATE);
      o.note("valid", key.isValid());
      key.cancel();
      o.note("validAfterCancel", key.isValid());
      ws.close();
      o.attempt("pollAfterClose", ws::poll);
      o.attempt("registerAfterClose", () -> w.register(ws, ENTRY_CREATE));
      o.attempt("closeTwice", ws::close);
    });
    t.add("nothing happens", (w, o) -> {
      try (WatchService ws = w.getFileSystem().newWatchService()) {
        w.register(ws, ENTRY_CREATE, ENTRY_DELETE);
        o.note("poll", ws.poll());
        o.note("timedPoll", ws.poll(50, TimeUnit.MILLISECONDS));
      }
    });
    return t;
  }
}
