package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Symbolic and hard links. Every link a scenario plants points inside its own work directory (or,
 * for the links that a tmp: file system must refuse, at a name next to it that is never created
 * and never followed).
 */
final class LinkScenarios {
  private LinkScenarios() {}

  static Path rel(Path work, String s) {
    return work.getFileSystem().getPath(s);
  }

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("link");

    t.add("symlink relative target", (w, o) -> {
      file(w, "t", "target");
      Path l = w.resolve("l");
      o.query("create", () -> Files.createSymbolicLink(l, rel(w, "t")));
      o.query("read", () -> Files.readSymbolicLink(l));
      o.note("content", Files.readString(l));
      o.note("isLink", Files.isSymbolicLink(l));
      o.note("isRegular", Files.isRegularFile(l));
      o.note("isRegularNofollow", Files.isRegularFile(l, NOFOLLOW_LINKS));
      o.tree("tree");
    });
    t.add("symlink absolute target", (w, o) -> {
      file(w, "t", "target");
      Path l = w.resolve("l");
      Files.createSymbolicLink(l, w.resolve("t"));
      o.query("read", () -> Files.readSymbolicLink(l));
      o.note("content", Files.readString(l));
    });
    t.add("symlink absolute non-normalized target", (w, o) -> {
      file(w, "t", "target");
      dir(w, "a");
      Path l = w.resolve("l");
      Files.createSymbolicLink(l, w.resolve("a/../t"));
      o.query("read", () -> Files.readSymbolicLink(l));
      o.note("content", Files.readString(l));
    }).differsOnTmp(
        "absolute link targets are stored mapped and read back as normalized tmp: paths",
        "read", "path:t");
    t.add("symlink to the work directory", (w, o) -> {
      Path l = w.resolve("l");
      Files.createSymbolicLink(l, w);
      o.query("read", () -> Files.readSymbolicLink(l));
      o.note("isDirectory", Files.isDirectory(l));
      o.query("real", () -> l.toRealPath());
    });
    t.add("symlink dangling", (w, o) -> {
      Path l = w.resolve("l");
      Files.createSymbolicLink(l, rel(w, "nowhere"));
      o.note("exists", Files.exists(l));
      o.note("existsNofollow", Files.exists(l, NOFOLLOW_LINKS));
      o.note("notExists", Files.notExists(l));
      o.attempt("read", () -> Files.readString(l));
      o.attempt("size", () -> Files.size(l));
      o.attempt("real", () -> l.toRealPath());
    });
    t.add("symlink to directory", (w, o) -> {
      file(w, "d/x", "x");
      Path l = w.resolve("l");
      Files.createSymbolicLink(l, rel(w, "d"));
      o.note("isDirectory", Files.isDirectory(l));
      o.note("isDirectoryNofollow", Files.isDirectory(l, NOFOLLOW_LINKS));
      o.query("list", () -> {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(l)) {
          List<String> names = new ArrayList<>();
          s.forEach(p -> names.add(o.rel(p)));
          return names;
        }
      });
      o.note("throughLink", Files.readString(w.resolve("l/x")));
    });
    t.add("symlink existing name", (w, o) -> {
      file(w, "t", "x");
      file(w, "l", "y");
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("l"), rel(w, "t")));
      o.tree("tree");
    });
    t.add("symlink missing parent", (w, o) -> {
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("no/l"), rel(w, "t")));
    });
    t.add("symlink with attributes", (w, o) -> {
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("l"), rel(w, "t"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
      o.tree("tree");
    });
    t.add("readSymbolicLink errors", (w, o) -> {
      file(w, "f", "x");
      dir(w, "d");
      o.attempt("file", () -> Files.readSymbolicLink(w.resolve("f")));
      o.attempt("dir", () -> Files.readSymbolicLink(w.resolve("d")));
      o.attempt("missing", () -> Files.readSymbolicLink(w.resolve("nope")));
    });
    t.add("delete symlink keeps target", (w, o) -> {
      file(w, "t", "kept");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      o.attempt("delete", () -> Files.delete(w.resolve("l")));
      o.tree("tree");
    });
    t.add("delete directory through symlink", (w, o) -> {
      file(w, "d/x", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "d"));
      o.attempt("deleteLink", () -> Files.delete(w.resolve("l")));
      o.tree("tree");
    });
    t.add("symlink chain", (w, o) -> {
      file(w, "c", "end of chain");
      Files.createSymbolicLink(w.resolve("b"), rel(w, "c"));
      Files.createSymbolicLink(w.resolve("a"), rel(w, "b"));
      o.note("content", Files.readString(w.resolve("a")));
      o.query("readA", () -> Files.readSymbolicLink(w.resolve("a")));
      o.query("real", () -> w.resolve("a").toRealPath());
      o.query("realNofollow", () -> w.resolve("a").toRealPath(NOFOLLOW_LINKS));
    });
    t.add("symlink loop", (w, o) -> {
      Files.createSymbolicLink(w.resolve("a"), rel(w, "b"));
      Files.createSymbolicLink(w.resolve("b"), rel(w, "a"));
      o.attempt("read", () -> Files.readString(w.resolve("a")));
      o.note("exists", Files.exists(w.resolve("a")));
      o.attempt("real", () -> w.resolve("a").toRealPath());
      o.attempt("attrs", () -> Files.readAttributes(w.resolve("a"), BasicFileAttributes.class));
    });
    t.add("symlink self loop", (w, o) -> {
      Files.createSymbolicLink(w.resolve("a"), rel(w, "a"));
      o.attempt("write", () -> Files.writeString(w.resolve("a"), "x"));
      o.attempt("createDirectory", () -> Files.createDirectory(w.resolve("a/sub")));
    });
    t.add("symlink climbing inside", (w, o) -> {
      file(w, "t", "up one");
      dir(w, "sub");
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("sub/l"), rel(w, "../t")));
      o.attempt("read", () -> Files.readString(w.resolve("sub/l")));
      o.tree("tree");
    });
    t.add("symlink climbing two inside", (w, o) -> {
      file(w, "t", "up two");
      dir(w, "a/b");
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("a/b/l"), rel(w, "../../t")));
      o.attempt("read", () -> Files.readString(w.resolve("a/b/l")));
    });
    t.add("symlink dot target", (w, o) -> {
      file(w, "d/x", "x");
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("d/self"), rel(w, ".")));
      o.attempt("read", () -> Files.readString(w.resolve("d/self/x")));
    });
    t.add("symlink target with dot-dot after a name", (w, o) -> {
      file(w, "t", "t");
      dir(w, "sub");
      o.attempt("create", () -> Files.createSymbolicLink(w.resolve("l"), rel(w, "sub/../t")));
      o.note("exists", Files.exists(w.resolve("l"), NOFOLLOW_LINKS));
    }).differsOnTmp(
        "links that could lead out of the root are refused: '..' after a name",
        "create", "!FileSystemException(l,~sub/../t,symbolic link would lead out of the tmp: file"
            + " system: '..' after a name in a link target can lead anywhere)",
        "exists", "false");
    t.add("symlink climbing out of the work directory", (w, o) -> {
      // Never created on disk under that name, never followed: a dangling name next to the work dir.
      o.attempt("create",
          () -> Files.createSymbolicLink(w.resolve("l"), rel(w, "../scratchfs-never-created")));
      o.note("exists", Files.exists(w.resolve("l"), NOFOLLOW_LINKS));
    }).differsOnTmp(
        "links that could lead out of the root are refused: climbing above /",
        "create", "!FileSystemException(l,~../scratchfs-never-created,symbolic link would lead out"
            + " of the tmp: file system: the target climbs above the root of the tmp: file system)",
        "exists", "false");
    t.add("dot-dot after a symlink", (w, o) -> {
      file(w, "b/c/x", "x");
      file(w, "a/y", "y");
      Files.createSymbolicLink(w.resolve("a/l"), rel(w, "../b/c"));
      o.query("list", () -> {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(w.resolve("a/l/.."))) {
          List<String> names = new ArrayList<>();
          s.forEach(p -> names.add(p.getFileName().toString()));
          names.sort(null);
          return names;
        }
      });
      o.note("isDirectory", Files.isDirectory(w.resolve("a/l/../c")));
    }).differsOnTmp(
        "'..' is resolved lexically: /a/l/.. is /a whatever l is",
        "list", "[l, y]", "isDirectory", "false");
    t.add("symlink toRealPath", (w, o) -> {
      file(w, "d/x", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "d"));
      o.query("real", () -> w.resolve("l/x").toRealPath());
      o.query("realNofollow", () -> w.resolve("l").toRealPath(NOFOLLOW_LINKS));
      o.query("realMissing", () -> w.resolve("l/nope").toRealPath());
    });
    t.add("symlink attributes", (w, o) -> {
      file(w, "t", "12345");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      BasicFileAttributes follow = Files.readAttributes(w.resolve("l"), BasicFileAttributes.class);
      BasicFileAttributes nofollow =
          Files.readAttributes(w.resolve("l"), BasicFileAttributes.class, NOFOLLOW_LINKS);
      o.note("followSize", follow.size());
      o.note("followIsLink", follow.isSymbolicLink());
      o.note("nofollowIsLink", nofollow.isSymbolicLink());
      o.note("nofollowSize", nofollow.size());
      o.note("isOther", nofollow.isOther());
    });
    t.add("symlink set time NOFOLLOW", (w, o) -> {
      file(w, "t", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      o.attempt("set", () -> Files.setAttribute(w.resolve("l"), "lastModifiedTime", Fixture.OLD,
          NOFOLLOW_LINKS));
      o.note("linkTime", Files.getLastModifiedTime(w.resolve("l"), NOFOLLOW_LINKS).equals(Fixture.OLD));
      o.note("targetTime", Files.getLastModifiedTime(w.resolve("t")).equals(Fixture.OLD));
    });
    t.add("isSameFile through symlink", (w, o) -> {
      file(w, "t", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      o.query("same", () -> Files.isSameFile(w.resolve("l"), w.resolve("t")));
    });
    t.add("hard link", (w, o) -> {
      Path a = file(w, "a", "shared");
      Path b = w.resolve("b");
      o.query("create", () -> Files.createLink(b, a));
      o.query("same", () -> Files.isSameFile(a, b));
      o.query("nlink", () -> Files.getAttribute(a, "unix:nlink"));
      Files.writeString(b, "changed");
      o.note("aAfterWrite", Files.readString(a));
      Files.delete(a);
      o.note("bAfterDelete", Files.readString(b));
      o.query("nlinkAfter", () -> Files.getAttribute(b, "unix:nlink"));
    });
    t.add("hard link errors", (w, o) -> {
      Path a = file(w, "a", "x");
      file(w, "b", "y");
      dir(w, "d");
      o.attempt("existing", () -> Files.createLink(w.resolve("b"), a));
      o.attempt("missingSource", () -> Files.createLink(w.resolve("c"), w.resolve("nope")));
      o.attempt("directory", () -> Files.createLink(w.resolve("e"), w.resolve("d")));
      o.attempt("missingParent", () -> Files.createLink(w.resolve("no/c"), a));
      o.tree("tree");
    });
    t.add("hard link to symlink", (w, o) -> {
      file(w, "t", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      o.attempt("create", () -> Files.createLink(w.resolve("h"), w.resolve("l")));
      o.note("hIsLink", Files.isSymbolicLink(w.resolve("h")));
    });
    t.add("symlink walk NOFOLLOW does not descend", (w, o) -> {
      file(w, "d/x", "x");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "d"));
      o.listing("walk", Files.walk(w));
    });
    t.add("symlink replaced by move", (w, o) -> {
      file(w, "t", "t");
      file(w, "f", "f");
      Files.createSymbolicLink(w.resolve("l"), rel(w, "t"));
      o.attempt("move", () -> Files.move(w.resolve("f"), w.resolve("l"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING));
      o.tree("tree");
    });
    return t;
  }
}
