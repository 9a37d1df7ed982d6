package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Creating, writing, reading, deleting regular files and directories, and their errors. */
final class FileScenarios {
  private FileScenarios() {}

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("file");

    t.add("createFile new", (w, o) -> {
      Path p = w.resolve("f");
      o.query("created", () -> Files.createFile(p));
      o.note("exists", Files.exists(p));
      o.note("regular", Files.isRegularFile(p));
      o.note("size", Files.size(p));
    });
    t.add("createFile existing", (w, o) -> {
      file(w, "f", "x");
      o.attempt("create", () -> Files.createFile(w.resolve("f")));
      o.tree("tree");
    });
    t.add("createFile over directory", (w, o) -> {
      dir(w, "d");
      o.attempt("create", () -> Files.createFile(w.resolve("d")));
    });
    t.add("createFile missing parent", (w, o) -> {
      o.attempt("create", () -> Files.createFile(w.resolve("no/f")));
    });
    t.add("createFile under a file", (w, o) -> {
      file(w, "f", "x");
      o.attempt("create", () -> Files.createFile(w.resolve("f/g")));
    });
    t.add("createDirectory new", (w, o) -> {
      o.query("created", () -> Files.createDirectory(w.resolve("d")));
      o.note("isDirectory", Files.isDirectory(w.resolve("d")));
    });
    t.add("createDirectory existing directory", (w, o) -> {
      dir(w, "d");
      o.attempt("create", () -> Files.createDirectory(w.resolve("d")));
    });
    t.add("createDirectory existing file", (w, o) -> {
      file(w, "f", "x");
      o.attempt("create", () -> Files.createDirectory(w.resolve("f")));
    });
    t.add("createDirectory missing parent", (w, o) -> {
      o.attempt("create", () -> Files.createDirectory(w.resolve("a/b")));
    });
    t.add("createDirectories nested", (w, o) -> {
      o.query("created", () -> Files.createDirectories(w.resolve("a/b/c")));
      o.tree("tree");
    });
    t.add("createDirectories existing", (w, o) -> {
      dir(w, "a/b");
      o.query("created", () -> Files.createDirectories(w.resolve("a/b")));
    });
    t.add("createDirectories through a file", (w, o) -> {
      file(w, "f", "x");
      o.attempt("create", () -> Files.createDirectories(w.resolve("f/b")));
      o.attempt("createSelf", () -> Files.createDirectories(w.resolve("f")));
    });
    t.add("createDirectories non-normalized", (w, o) -> {
      o.query("created", () -> Files.createDirectories(w.resolve("a/./b/../c")));
      o.tree("tree");
    }).differsOn(
        "tmp: paths have the default provider's algebra: relativize normalizes first (jimfs's does"
            + " not), so Files.createDirectories never creates the b that a/./b/.. passes through",
        List.of(Target.TMP_OVER_JIMFS), "tree", "[a/, a/c/]");
    t.add("writeString readString", (w, o) -> {
      Path p = w.resolve("f");
      Files.writeString(p, "héllo wörld");
      o.note("read", Files.readString(p));
      o.note("size", Files.size(p));
    });
    t.add("write bytes readAllBytes", (w, o) -> {
      Path p = w.resolve("f");
      Files.write(p, new byte[] {0, 1, 2, (byte) 255});
      o.note("bytes", Files.readAllBytes(p));
    });
    t.add("write lines readAllLines", (w, o) -> {
      Path p = w.resolve("f");
      Files.write(p, List.of("one", "two", "", "three"));
      o.note("lines", Files.readAllLines(p));
      o.note("raw", Files.readString(p));
    });
    t.add("write empty creates empty file", (w, o) -> {
      Path p = w.resolve("f");
      Files.write(p, new byte[0]);
      o.note("exists", Files.exists(p));
      o.note("size", Files.size(p));
    });
    t.add("write APPEND existing", (w, o) -> {
      Path p = file(w, "f", "abc");
      o.attempt("append", () -> Files.writeString(p, "def", APPEND));
      o.note("read", Files.readString(p));
    });
    t.add("write APPEND missing", (w, o) -> {
      o.attempt("append", () -> Files.writeString(w.resolve("f"), "def", APPEND));
      o.note("exists", Files.exists(w.resolve("f")));
    });
    t.add("write CREATE APPEND missing", (w, o) -> {
      o.attempt("append", () -> Files.writeString(w.resolve("f"), "def", CREATE, APPEND));
      o.tree("tree");
    });
    t.add("write CREATE_NEW existing", (w, o) -> {
      Path p = file(w, "f", "abc");
      o.attempt("write", () -> Files.writeString(p, "x", CREATE_NEW));
      o.note("read", Files.readString(p));
    });
    t.add("write CREATE_NEW missing", (w, o) -> {
      o.attempt("write", () -> Files.writeString(w.resolve("f"), "x", CREATE_NEW));
      o.tree("tree");
    });
    t.add("write truncates by default", (w, o) -> {
      Path p = file(w, "f", "a long content");
      Files.writeString(p, "short");
      o.note("read", Files.readString(p));
    });
    t.add("write WRITE without TRUNCATE overwrites prefix", (w, o) -> {
      Path p = file(w, "f", "abcdefgh");
      o.attempt("write", () -> Files.writeString(p, "XY", WRITE));
      o.note("read", Files.readString(p));
    });
    t.add("write TRUNCATE_EXISTING missing", (w, o) -> {
      o.attempt("write", () -> Files.writeString(w.resolve("f"), "x", WRITE, TRUNCATE_EXISTING));
      o.note("exists", Files.exists(w.resolve("f")));
    });
    t.add("write to directory", (w, o) -> {
      Path d = dir(w, "d");
      o.attempt("write", () -> Files.writeString(d, "x"));
    });
    t.add("readString missing", (w, o) -> {
      o.attempt("read", () -> Files.readString(w.resolve("nope")));
    });
    t.add("readAllBytes directory", (w, o) -> {
      Path d = dir(w, "d");
      o.attempt("read", () -> Files.readAllBytes(d));
    });
    t.add("readString malformed", (w, o) -> {
      Path p = w.resolve("f");
      Files.write(p, new byte[] {(byte) 0xC3, (byte) 0x28});
      o.attempt("read", () -> Files.readString(p));
    });
    t.add("lines", (w, o) -> {
      Path p = file(w, "f", "a\nbb\n\nccc");
      try (Stream<String> lines = Files.lines(p)) {
        o.note("lines", lines.map(String::toUpperCase).collect(java.util.stream.Collectors.toList()));
      }
    });
    t.add("lines missing", (w, o) -> {
      o.attempt("lines", () -> Files.lines(w.resolve("nope")).close());
    });
    t.add("newBufferedReader and Writer", (w, o) -> {
      Path p = w.resolve("f");
      try (var out = Files.newBufferedWriter(p, UTF_8)) {
        out.write("first\nsecond\n");
      }
      try (var in = Files.newBufferedReader(p)) {
        o.note("line1", in.readLine());
        o.note("line2", in.readLine());
        o.note("line3", in.readLine());
      }
    });
    t.add("newBufferedWriter CREATE_NEW existing", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("open", () -> Files.newBufferedWriter(p, CREATE_NEW).close());
    });
    t.add("copy from InputStream", (w, o) -> {
      Path p = w.resolve("f");
      o.query("copied", () -> Files.copy(new ByteArrayInputStream("data".getBytes(UTF_8)), p));
      o.attempt("again", () -> Files.copy(new ByteArrayInputStream("x".getBytes(UTF_8)), p));
      o.query("replace", () -> Files.copy(new ByteArrayInputStream("new".getBytes(UTF_8)), p,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING));
      o.note("read", Files.readString(p));
    });
    t.add("copy to OutputStream", (w, o) -> {
      Path p = file(w, "f", "content");
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      o.query("copied", () -> Files.copy(p, sink));
      o.note("sink", sink.toString(UTF_8));
      o.attempt("missing", () -> Files.copy(w.resolve("nope"), sink));
    });
    t.add("size", (w, o) -> {
      Path p = file(w, "f", "12345");
      o.query("file", () -> Files.size(p));
      o.query("missing", () -> Files.size(w.resolve("nope")));
    });
    t.add("delete file", (w, o) -> {
      Path p = file(w, "f", "x");
      o.attempt("delete", () -> Files.delete(p));
      o.note("exists", Files.exists(p));
    });
    t.add("delete missing", (w, o) -> {
      o.attempt("delete", () -> Files.delete(w.resolve("nope")));
      o.query("deleteIfExists", () -> Files.deleteIfExists(w.resolve("nope")));
    });
    t.add("deleteIfExists existing", (w, o) -> {
      Path p = file(w, "f", "x");
      o.query("deleteIfExists", () -> Files.deleteIfExists(p));
      o.tree("tree");
    });
    t.add("delete non-empty directory", (w, o) -> {
      file(w, "d/f", "x");
      o.attempt("delete", () -> Files.delete(w.resolve("d")));
      o.attempt("deleteIfExists", () -> Files.deleteIfExists(w.resolve("d")));
      o.tree("tree");
    });
    t.add("delete empty directory", (w, o) -> {
      dir(w, "d");
      o.attempt("delete", () -> Files.delete(w.resolve("d")));
      o.tree("tree");
    });
    t.add("delete through missing parent", (w, o) -> {
      o.attempt("delete", () -> Files.delete(w.resolve("no/f")));
      o.query("deleteIfExists", () -> Files.deleteIfExists(w.resolve("no/f")));
    });
    t.add("delete with file as parent", (w, o) -> {
      file(w, "f", "x");
      o.attempt("delete", () -> Files.delete(w.resolve("f/g")));
    });
    t.add("delete the work directory", (w, o) -> {
      o.attempt("delete", () -> Files.delete(w));
      o.note("exists", Files.exists(w));
    }).differsOnTmp(
        "the root / cannot be deleted",
        "delete", "!FileSystemException(.,null,cannot delete the root of a tmp: file system)",
        "exists", "true");
    t.add("delete open file", (w, o) -> {
      Path p = file(w, "f", "still readable");
      try (var ch = Files.newByteChannel(p)) {
        o.attempt("delete", () -> Files.delete(p));
        o.note("existsAfterDelete", Files.exists(p));
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64);
        ch.read(buf);
        o.note("readAfterDelete", new String(buf.array(), 0, buf.position(), UTF_8));
      }
      o.tree("tree");
    });
    t.add("delete file open for writing", (w, o) -> {
      Path p = w.resolve("f");
      try (var out = Files.newOutputStream(p)) {
        out.write(1);
        o.attempt("delete", () -> Files.delete(p));
        out.write(2);
      }
      o.note("exists", Files.exists(p));
    });
    t.add("exists and access checks", (w, o) -> {
      Path f = file(w, "f", "x");
      Path d = dir(w, "d");
      Path n = w.resolve("nope");
      for (Path p : List.of(f, d, n)) {
        String k = o.rel(p);
        o.note(k + ".exists", Files.exists(p));
        o.note(k + ".notExists", Files.notExists(p));
        o.note(k + ".readable", Files.isReadable(p));
        o.note(k + ".writable", Files.isWritable(p));
        o.note(k + ".regular", Files.isRegularFile(p));
        o.note(k + ".directory", Files.isDirectory(p));
        o.note(k + ".link", Files.isSymbolicLink(p));
      }
    });
    t.add("checkAccess missing", (w, o) -> {
      o.attempt("check", () -> w.getFileSystem().provider().checkAccess(w.resolve("nope")));
      o.attempt("checkRead", () -> w.getFileSystem().provider()
          .checkAccess(w.resolve("nope"), java.nio.file.AccessMode.READ));
    });
    t.add("isHidden", (w, o) -> {
      Path h = file(w, ".h", "x");
      Path v = file(w, "v", "x");
      o.query("hidden", () -> Files.isHidden(h));
      o.query("visible", () -> Files.isHidden(v));
      o.query("missingHidden", () -> Files.isHidden(w.resolve(".nope")));
    });
    t.add("mismatch", (w, o) -> {
      Path a = file(w, "a", "abcdef");
      Path b = file(w, "b", "abcXef");
      Path c = file(w, "c", "abcdef");
      o.query("ab", () -> Files.mismatch(a, b));
      o.query("ac", () -> Files.mismatch(a, c));
      o.query("missing", () -> Files.mismatch(a, w.resolve("nope")));
    });
    t.add("isSameFile", (w, o) -> {
      Path a = file(w, "a", "x");
      Path b = file(w, "b", "x");
      dir(w, "d");
      o.query("sameByPath", () -> Files.isSameFile(a, a));
      o.query("different", () -> Files.isSameFile(a, b));
      o.query("nonNormalized", () -> Files.isSameFile(a, w.resolve("d/../a")));
      o.query("missingEqual", () -> Files.isSameFile(w.resolve("n"), w.resolve("n")));
      o.query("missingOther", () -> Files.isSameFile(a, w.resolve("n")));
    });
    t.add("createTempFile in directory", (w, o) -> {
      Path p = Files.createTempFile(w, "pre", ".suf");
      String name = p.getFileName().toString();
      o.note("parent", p.getParent());
      o.note("prefix", name.startsWith("pre"));
      o.note("suffix", name.endsWith(".suf"));
      o.note("size", Files.size(p));
      o.note("regular", Files.isRegularFile(p));
    });
    t.add("createTempFile default suffix", (w, o) -> {
      Path p = Files.createTempFile(w, null, null);
      o.note("parent", p.getParent());
      o.note("suffix", p.getFileName().toString().endsWith(".tmp"));
    });
    t.add("createTempFile in missing directory", (w, o) -> {
      o.attemptKind("create", () -> Files.createTempFile(w.resolve("nope"), "x", null));
    });
    t.add("createTempFile bad prefix", (w, o) -> {
      o.attempt("create", () -> Files.createTempFile(w, "a/b", null));
      o.tree("tree");
    });
    t.add("createTempDirectory in directory", (w, o) -> {
      Path d = Files.createTempDirectory(w, "dir");
      o.note("parent", d.getParent());
      o.note("prefix", d.getFileName().toString().startsWith("dir"));
      o.note("directory", Files.isDirectory(d));
      o.query("empty", () -> {
        try (Stream<Path> s = Files.list(d)) {
          return s.count();
        }
      });
    });
    t.add("createTempDirectory in a file", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attemptKind("create", () -> Files.createTempDirectory(f, "dir"));
    });
    t.add("toRealPath", (w, o) -> {
      file(w, "d/f", "x");
      o.query("real", () -> w.resolve("d/./f").toRealPath());
      o.query("realDotDot", () -> w.resolve("d/../d/f").toRealPath());
      o.query("missing", () -> w.resolve("d/nope").toRealPath());
      o.query("nofollow", () -> w.resolve("d/f").toRealPath(LinkOption.NOFOLLOW_LINKS));
    });
    t.add("toUri of directory", (w, o) -> {
      Path d = dir(w, "d");
      o.note("trailingSlash", d.toUri().toString().endsWith("/"));
      o.note("roundTrip", Path.of(d.toUri()).equals(d));
    });
    t.add("toUri of file round trip", (w, o) -> {
      Path f = file(w, "f x", "x");
      o.note("trailingSlash", f.toUri().toString().endsWith("/"));
      o.note("roundTrip", Path.of(f.toUri()).equals(f));
    });
    return t;
  }
}
