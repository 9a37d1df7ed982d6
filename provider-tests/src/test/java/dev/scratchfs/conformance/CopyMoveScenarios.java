package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.OLD;
import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.COPY_ATTRIBUTES;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files.copy and Files.move with every standard option, onto and over every kind of target. */
final class CopyMoveScenarios {
  private CopyMoveScenarios() {}

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("copymove");

    t.add("copy file to new", (w, o) -> {
      Path a = file(w, "a", "content");
      o.query("copy", () -> Files.copy(a, w.resolve("b")));
      o.tree("tree");
    });
    t.add("copy onto existing file", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "b", "old");
      o.attempt("copy", () -> Files.copy(a, w.resolve("b")));
      o.tree("tree");
    });
    t.add("copy REPLACE_EXISTING file", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "b", "old");
      o.query("copy", () -> Files.copy(a, w.resolve("b"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("copy REPLACE_EXISTING onto non-empty directory", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "d/x", "x");
      o.attempt("copy", () -> Files.copy(a, w.resolve("d"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("copy REPLACE_EXISTING onto empty directory", (w, o) -> {
      Path a = file(w, "a", "new");
      dir(w, "d");
      o.attempt("copy", () -> Files.copy(a, w.resolve("d"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("copy directory copies no entries", (w, o) -> {
      file(w, "d/x", "x");
      o.attempt("copy", () -> Files.copy(w.resolve("d"), w.resolve("e")));
      o.tree("tree");
    });
    t.add("copy directory onto file REPLACE_EXISTING", (w, o) -> {
      dir(w, "d");
      file(w, "f", "x");
      o.attempt("copy", () -> Files.copy(w.resolve("d"), w.resolve("f"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("copy COPY_ATTRIBUTES keeps times", (w, o) -> {
      Path a = file(w, "a", "x");
      Files.setLastModifiedTime(a, OLD);
      Files.copy(a, w.resolve("b"), COPY_ATTRIBUTES);
      o.note("mtime", Files.getLastModifiedTime(w.resolve("b")));
    });
    t.add("copy without COPY_ATTRIBUTES gets new time", (w, o) -> {
      Path a = file(w, "a", "x");
      Files.setLastModifiedTime(a, OLD);
      Files.copy(a, w.resolve("b"));
      o.note("newer", Files.getLastModifiedTime(w.resolve("b")).compareTo(OLD) > 0);
    });
    t.add("copy directory COPY_ATTRIBUTES", (w, o) -> {
      Path d = dir(w, "d");
      Files.setLastModifiedTime(d, OLD);
      o.attempt("copy", () -> Files.copy(d, w.resolve("e"), COPY_ATTRIBUTES));
      o.note("mtime", Files.getLastModifiedTime(w.resolve("e")));
    });
    t.add("copy symbolic link NOFOLLOW_LINKS", (w, o) -> {
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("copy", () -> Files.copy(w.resolve("l"), w.resolve("c"), NOFOLLOW_LINKS));
      o.note("isLink", Files.isSymbolicLink(w.resolve("c")));
      o.tree("tree");
    });
    t.add("copy symbolic link follows by default", (w, o) -> {
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("copy", () -> Files.copy(w.resolve("l"), w.resolve("c")));
      o.tree("tree");
    });
    t.add("copy dangling link", (w, o) -> {
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("nowhere"));
      o.attempt("follow", () -> Files.copy(w.resolve("l"), w.resolve("c")));
      o.attempt("nofollow", () -> Files.copy(w.resolve("l"), w.resolve("c2"), NOFOLLOW_LINKS));
      o.tree("tree");
    });
    t.add("copy onto link REPLACE_EXISTING replaces link", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("copy", () -> Files.copy(a, w.resolve("l"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("copy missing source", (w, o) -> {
      o.attempt("copy", () -> Files.copy(w.resolve("nope"), w.resolve("b")));
      o.attempt("replace", () -> Files.copy(w.resolve("nope"), w.resolve("b"), REPLACE_EXISTING));
    });
    t.add("copy onto itself", (w, o) -> {
      Path a = file(w, "a", "self");
      o.attempt("copy", () -> Files.copy(a, a));
      o.attempt("copyNonNormalized", () -> Files.copy(a, w.resolve("./a")));
      o.tree("tree");
    });
    t.add("copy into missing directory", (w, o) -> {
      Path a = file(w, "a", "x");
      o.attempt("copy", () -> Files.copy(a, w.resolve("no/b")));
    });
    t.add("copy ATOMIC_MOVE unsupported", (w, o) -> {
      Path a = file(w, "a", "x");
      o.attempt("copy", () -> Files.copy(a, w.resolve("b"), ATOMIC_MOVE));
      o.tree("tree");
    });
    t.add("copy all options", (w, o) -> {
      Path a = file(w, "a", "all");
      Files.setLastModifiedTime(a, OLD);
      file(w, "b", "old");
      o.attempt("copy", () -> Files.copy(a, w.resolve("b"), REPLACE_EXISTING, COPY_ATTRIBUTES,
          NOFOLLOW_LINKS));
      o.note("mtime", Files.getLastModifiedTime(w.resolve("b")));
      o.tree("tree");
    });
    t.add("copy onto the work directory", (w, o) -> {
      Path a = file(w, "a", "x");
      o.attempt("copy", () -> Files.copy(a, w, REPLACE_EXISTING));
      o.tree("tree");
    }).differsOnTmp(
        "the root / cannot be replaced",
        "copy", "!FileSystemException(.,null,cannot replace the root of a tmp: file system)");
    t.add("move file rename", (w, o) -> {
      Path a = file(w, "a", "moved");
      o.query("move", () -> Files.move(a, w.resolve("b")));
      o.tree("tree");
    });
    t.add("move onto existing", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "b", "old");
      o.attempt("move", () -> Files.move(a, w.resolve("b")));
      o.tree("tree");
    });
    t.add("move REPLACE_EXISTING", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "b", "old");
      o.attempt("move", () -> Files.move(a, w.resolve("b"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("move ATOMIC_MOVE", (w, o) -> {
      Path a = file(w, "a", "atomic");
      o.attempt("move", () -> Files.move(a, w.resolve("sub/b")));
      dir(w, "sub");
      o.attempt("move2", () -> Files.move(a, w.resolve("sub/b"), ATOMIC_MOVE));
      o.tree("tree");
    });
    t.add("move ATOMIC_MOVE onto existing", (w, o) -> {
      Path a = file(w, "a", "new");
      file(w, "b", "old");
      o.attempt("move", () -> Files.move(a, w.resolve("b"), ATOMIC_MOVE));
      o.tree("tree");
    });
    t.add("move directory with contents", (w, o) -> {
      file(w, "d/e/x", "x");
      o.attempt("move", () -> Files.move(w.resolve("d"), w.resolve("m")));
      o.tree("tree");
    });
    t.add("move directory into itself", (w, o) -> {
      file(w, "d/x", "x");
      o.attempt("move", () -> Files.move(w.resolve("d"), w.resolve("d/sub")));
      o.tree("tree");
    });
    t.add("move directory onto non-empty directory", (w, o) -> {
      file(w, "d/x", "x");
      file(w, "e/y", "y");
      o.attempt("move", () -> Files.move(w.resolve("d"), w.resolve("e"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("move directory onto empty directory", (w, o) -> {
      file(w, "d/x", "x");
      dir(w, "e");
      o.attempt("plain", () -> Files.move(w.resolve("d"), w.resolve("e")));
      o.attempt("replace", () -> Files.move(w.resolve("d"), w.resolve("e"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("move file onto directory", (w, o) -> {
      Path a = file(w, "a", "x");
      file(w, "d/x", "x");
      o.attempt("move", () -> Files.move(a, w.resolve("d"), REPLACE_EXISTING));
      o.tree("tree");
    });
    t.add("move symbolic link", (w, o) -> {
      file(w, "t", "target");
      Files.createSymbolicLink(w.resolve("l"), w.getFileSystem().getPath("t"));
      o.attempt("move", () -> Files.move(w.resolve("l"), w.resolve("m")));
      o.tree("tree");
    });
    t.add("move missing", (w, o) -> {
      o.attempt("move", () -> Files.move(w.resolve("nope"), w.resolve("b")));
      o.attempt("atomic", () -> Files.move(w.resolve("nope"), w.resolve("b"), ATOMIC_MOVE));
    });
    t.add("move onto itself", (w, o) -> {
      Path a = file(w, "a", "self");
      o.attempt("move", () -> Files.move(a, a));
      o.attempt("atomic", () -> Files.move(a, a, ATOMIC_MOVE));
      o.tree("tree");
    });
    t.add("move into missing directory", (w, o) -> {
      Path a = file(w, "a", "x");
      o.attempt("move", () -> Files.move(a, w.resolve("no/b")));
      o.tree("tree");
    });
    t.add("move keeps times", (w, o) -> {
      Path a = file(w, "a", "x");
      Files.setLastModifiedTime(a, OLD);
      Files.move(a, w.resolve("b"));
      o.note("mtime", Files.getLastModifiedTime(w.resolve("b")));
    });
    t.add("move unsupported option", (w, o) -> {
      Path a = file(w, "a", "x");
      o.attempt("move", () -> Files.move(a, w.resolve("b"), COPY_ATTRIBUTES, NOFOLLOW_LINKS));
      o.tree("tree");
    });
    t.add("move open file", (w, o) -> {
      Path a = file(w, "a", "open");
      try (var in = Files.newInputStream(a)) {
        o.attempt("move", () -> Files.move(a, w.resolve("b")));
        o.note("read", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      o.tree("tree");
    });
    t.add("move the work directory away", (w, o) -> {
      file(w, "a", "x");
      o.attempt("move", () -> Files.move(w, w.resolve("a")));
      o.tree("tree");
    }).differsOnTmp(
        "the root / cannot be moved (checked before the delegate sees the target exists)",
        "move", "!FileSystemException(.,null,cannot move the root of a tmp: file system)");
    return t;
  }
}
