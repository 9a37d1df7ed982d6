package dev.scratchfs.conformance;

import static dev.scratchfs.conformance.Fixture.dir;
import static dev.scratchfs.conformance.Fixture.file;
import static dev.scratchfs.conformance.Fixture.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Listing, walking, globbing, finding, directory streams and their filters, and secure directory
 * streams.
 */
final class DirectoryScenarios {
  private DirectoryScenarios() {}

  /** Lists a directory stream, names relative to the work directory, sorted. */
  static List<String> list(Outcome o, DirectoryStream<Path> stream) throws IOException {
    try (stream) {
      List<String> names = new ArrayList<>();
      for (Path p : stream) {
        names.add(o.rel(p));
      }
      names.sort(null);
      return names;
    }
  }

  /** Walks the tree and records which relative paths a matcher of the file system accepts. */
  static void matchWalk(Scenario.Table t, String pattern) {
    t.add("getPathMatcher " + pattern, (w, o) -> {
      tree(w);
      PathMatcher m = w.getFileSystem().getPathMatcher(pattern);
      try (Stream<Path> s = Files.walk(w)) {
        o.note("matches", s.map(w::relativize).filter(m::matches).map(Path::toString)
            .sorted().collect(Collectors.toList()));
      }
    });
  }

  static void globStream(Scenario.Table t, String dir, String glob) {
    t.add("newDirectoryStream glob " + glob + " in " + dir, (w, o) -> {
      tree(w);
      file(w, "a.TXT", "upper");
      file(w, "ab", "");
      file(w, "{odd}", "");
      o.query("list", () -> list(o, Files.newDirectoryStream(w.resolve(dir), glob)));
    });
  }

  static Scenario.Table table() {
    Scenario.Table t = new Scenario.Table("dir");

    t.add("newDirectoryStream lists children", (w, o) -> {
      tree(w);
      o.query("work", () -> list(o, Files.newDirectoryStream(w)));
      o.query("d", () -> list(o, Files.newDirectoryStream(w.resolve("d"))));
      o.query("empty", () -> list(o, Files.newDirectoryStream(w.resolve("empty"))));
    });
    t.add("newDirectoryStream of non-normalized path", (w, o) -> {
      tree(w);
      o.query("list", () -> list(o, Files.newDirectoryStream(w.resolve("d/./e/../e"))));
    });
    t.add("newDirectoryStream of file", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("open", () -> Files.newDirectoryStream(f).close());
    });
    t.add("newDirectoryStream of missing", (w, o) -> {
      o.attempt("open", () -> Files.newDirectoryStream(w.resolve("nope")).close());
    });
    t.add("newDirectoryStream iterator twice", (w, o) -> {
      tree(w);
      try (DirectoryStream<Path> s = Files.newDirectoryStream(w)) {
        s.iterator();
        o.attempt("second", s::iterator);
      }
    });
    t.add("newDirectoryStream iterator after close", (w, o) -> {
      tree(w);
      DirectoryStream<Path> s = Files.newDirectoryStream(w);
      s.close();
      o.attempt("iterator", s::iterator);
    });
    t.add("newDirectoryStream close while iterating", (w, o) -> {
      tree(w);
      DirectoryStream<Path> s = Files.newDirectoryStream(w);
      Iterator<Path> it = s.iterator();
      s.close();
      o.query("hasNextAfterClose", () -> {
        int n = 0;
        while (it.hasNext()) {
          it.next();
          n++;
        }
        return n <= 1; // at most one read-ahead entry may remain
      });
      o.attempt("remove", it::remove);
    });
    t.add("newDirectoryStream filter", (w, o) -> {
      tree(w);
      DirectoryStream.Filter<Path> big = p -> Files.isRegularFile(p) && Files.size(p) > 5;
      o.query("list", () -> list(o, Files.newDirectoryStream(w, big)));
    });
    t.add("newDirectoryStream filter throwing", (w, o) -> {
      tree(w);
      DirectoryStream.Filter<Path> bad = p -> {
        throw new IOException("filter failed");
      };
      o.attempt("list", () -> list(o, Files.newDirectoryStream(w, bad)));
    });
    t.add("newDirectoryStream entry is resolved against dir", (w, o) -> {
      file(w, "d/x", "x");
      try (DirectoryStream<Path> s = Files.newDirectoryStream(w.resolve("d"))) {
        for (Path p : s) {
          o.note("entry", p);
          o.note("parent", p.getParent());
          o.note("fileName", p.getFileName().toString());
        }
      }
    });
    for (String glob : List.of("*.txt", "*", "{a,b}*", "[ab]?*", ".*", "**", "*.{txt,log}",
        "a.txt", "\\{odd\\}", "*.TXT", "?", "")) {
      globStream(t, ".", glob);
    }
    globStream(t, "d", "*.txt");
    t.add("newDirectoryStream bad glob", (w, o) -> {
      tree(w);
      o.attempt("open", () -> Files.newDirectoryStream(w, "[a").close());
      o.attempt("nested", () -> Files.newDirectoryStream(w, "{a,{b}}").close());
    });
    for (String pattern : List.of("glob:**/*.txt", "glob:*", "glob:*.txt", "glob:d/**",
        "glob:d/*", "glob:**", "glob:{d,empty}", "glob:**/?.log", "regex:.*\\.txt",
        "regex:d/e/.*", "glob:[!a-c]*", "glob:.*", "glob:D/**")) {
      matchWalk(t, pattern);
    }
    t.add("getPathMatcher bad syntax", (w, o) -> {
      o.attempt("noColon", () -> w.getFileSystem().getPathMatcher("star"));
      o.attempt("unknown", () -> w.getFileSystem().getPathMatcher("foo:*"));
      o.attempt("badRegex", () -> w.getFileSystem().getPathMatcher("regex:("));
      o.attempt("badGlob", () -> w.getFileSystem().getPathMatcher("glob:[z-a]"));
      o.query("upperCaseSyntax", () -> w.getFileSystem().getPathMatcher("GLOB:*.x")
          .matches(w.getFileSystem().getPath("a.x")));
    });
    t.add("list", (w, o) -> {
      tree(w);
      o.listing("list", Files.list(w));
      o.listing("d", Files.list(w.resolve("d")));
    });
    t.add("list errors", (w, o) -> {
      Path f = file(w, "f", "x");
      o.attempt("file", () -> Files.list(f).close());
      o.attempt("missing", () -> Files.list(w.resolve("nope")).close());
    });
    t.add("walk", (w, o) -> {
      tree(w);
      o.listing("walk", Files.walk(w));
      o.listing("walkD", Files.walk(w.resolve("d")));
    });
    t.add("walk maxDepth", (w, o) -> {
      tree(w);
      o.listing("depth0", Files.walk(w, 0));
      o.listing("depth1", Files.walk(w, 1));
      o.listing("depth2", Files.walk(w, 2));
    });
    t.add("walk missing", (w, o) -> {
      o.attempt("walk", () -> Files.walk(w.resolve("nope")).close());
    });
    t.add("walk a file", (w, o) -> {
      Path f = file(w, "f", "x");
      o.listing("walk", Files.walk(f));
    });
    t.add("walk through link with and without FOLLOW_LINKS", (w, o) -> {
      tree(w);
      Files.createSymbolicLink(w.resolve("link"), w.getFileSystem().getPath("d"));
      o.listing("nofollow", Files.walk(w));
      o.listing("follow", Files.walk(w, FileVisitOption.FOLLOW_LINKS));
    });
    t.add("walk link loop with FOLLOW_LINKS", (w, o) -> {
      dir(w, "d");
      Files.createSymbolicLink(w.resolve("d/loop"), w.getFileSystem().getPath(".."));
      o.attempt("walk", () -> {
        try (Stream<Path> s = Files.walk(w, FileVisitOption.FOLLOW_LINKS)) {
          s.count();
        }
      });
    });
    t.add("walkFileTree", (w, o) -> {
      tree(w);
      List<String> events = new ArrayList<>();
      Files.walkFileTree(w, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          events.add("pre " + o.rel(dir));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          events.add("file " + o.rel(file) + " " + attrs.size());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
          events.add("post " + o.rel(dir) + " " + exc);
          return FileVisitResult.CONTINUE;
        }
      });
      o.note("first", events.get(0));
      o.note("last", events.get(events.size() - 1));
      events.sort(null);
      o.note("events", events);
    });
    t.add("walkFileTree SKIP_SUBTREE", (w, o) -> {
      tree(w);
      List<String> visited = new ArrayList<>();
      Files.walkFileTree(w, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          visited.add(o.rel(dir));
          return dir.endsWith("d") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          visited.add(o.rel(file));
          return FileVisitResult.CONTINUE;
        }
      });
      visited.sort(null);
      o.note("visited", visited);
    });
    t.add("walkFileTree TERMINATE", (w, o) -> {
      tree(w);
      int[] files = {0};
      Path result = Files.walkFileTree(w, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          files[0]++;
          return FileVisitResult.TERMINATE;
        }
      });
      o.note("files", files[0]);
      o.note("result", result);
    });
    t.add("walkFileTree missing start", (w, o) -> {
      List<String> failures = new ArrayList<>();
      Files.walkFileTree(w.resolve("nope"), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          failures.add(o.rel(file) + " " + o.failure(exc));
          return FileVisitResult.CONTINUE;
        }
      });
      o.note("failures", failures);
    });
    t.add("walkFileTree broken link with FOLLOW_LINKS", (w, o) -> {
      Files.createSymbolicLink(w.resolve("broken"), w.getFileSystem().getPath("nowhere"));
      List<String> files = new ArrayList<>();
      Files.walkFileTree(w, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 5, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          files.add(o.rel(file) + " link=" + attrs.isSymbolicLink());
          return FileVisitResult.CONTINUE;
        }
      });
      o.note("files", files);
    });
    t.add("walkFileTree deletes tree", (w, o) -> {
      tree(w);
      Files.walkFileTree(w.resolve("d"), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
      o.tree("tree");
    });
    t.add("find", (w, o) -> {
      tree(w);
      o.listing("nonEmptyFiles",
          Files.find(w, 10, (p, a) -> a.isRegularFile() && a.size() > 0));
      o.listing("dirsDepth1", Files.find(w, 1, (p, a) -> a.isDirectory()));
      o.listing("byName", Files.find(w, 10, (p, a) -> p.toString().endsWith(".log")));
    });
    t.add("find missing", (w, o) -> {
      o.attempt("find", () -> Files.find(w.resolve("nope"), 1, (p, a) -> true).close());
    });
    t.add("secure directory stream available", (w, o) -> {
      tree(w);
      try (DirectoryStream<Path> s = Files.newDirectoryStream(w)) {
        o.note("secure", s instanceof SecureDirectoryStream);
      }
    });
    secure(t, "newByteChannel relative", (w, o, sds) -> {
      Path name = w.getFileSystem().getPath("new.txt");
      try (SeekableByteChannel ch = sds.newByteChannel(name, java.util.Set.of(CREATE_NEW, WRITE))) {
        ch.write(ByteBuffer.wrap("via sds".getBytes(UTF_8)));
      }
      try (SeekableByteChannel ch = sds.newByteChannel(name, java.util.Set.of(READ))) {
        o.note("read", StreamAndChannelScenarios.readAll(ch));
      }
      o.attempt("again", () -> sds.newByteChannel(name, java.util.Set.of(CREATE_NEW, WRITE)).close());
    });
    secure(t, "newByteChannel absolute", (w, o, sds) -> {
      try (SeekableByteChannel ch = sds.newByteChannel(w.resolve("a.txt"), java.util.Set.of(READ))) {
        o.note("read", StreamAndChannelScenarios.readAll(ch));
      }
    });
    secure(t, "deleteFile", (w, o, sds) -> {
      o.attempt("deleteFile", () -> sds.deleteFile(w.getFileSystem().getPath("c.txt")));
      o.attempt("deleteMissing", () -> sds.deleteFile(w.getFileSystem().getPath("nope")));
      o.attempt("deleteDirAsFile", () -> sds.deleteFile(w.getFileSystem().getPath("e")));
    });
    secure(t, "deleteDirectory", (w, o, sds) -> {
      Files.createDirectory(w.resolve("d/x"));
      o.attempt("deleteDirectory", () -> sds.deleteDirectory(w.getFileSystem().getPath("x")));
      o.attempt("deleteNonEmpty", () -> sds.deleteDirectory(w.getFileSystem().getPath("e")));
      o.attempt("deleteFileAsDir", () -> sds.deleteDirectory(w.getFileSystem().getPath("c.txt")));
    });
    secure(t, "newDirectoryStream relative", (w, o, sds) -> {
      try (SecureDirectoryStream<Path> inner =
          sds.newDirectoryStream(w.getFileSystem().getPath("e"))) {
        List<String> names = new ArrayList<>();
        for (Path p : inner) {
          names.add(o.rel(p));
        }
        names.sort(null);
        o.note("inner", names);
      }
      o.attempt("ofFile", () -> sds.newDirectoryStream(w.getFileSystem().getPath("c.txt")).close());
    });
    secure(t, "move between streams", (w, o, sds) -> {
      try (DirectoryStream<Path> other = Files.newDirectoryStream(w.resolve("empty"))) {
        SecureDirectoryStream<Path> target = (SecureDirectoryStream<Path>) other;
        o.attempt("move", () -> sds.move(
            w.getFileSystem().getPath("c.txt"), target, w.getFileSystem().getPath("moved.txt")));
        o.attempt("moveMissing", () -> sds.move(
            w.getFileSystem().getPath("nope"), target, w.getFileSystem().getPath("x")));
      }
    });
    secure(t, "attribute views", (w, o, sds) -> {
      BasicFileAttributeView self = sds.getFileAttributeView(BasicFileAttributeView.class);
      o.query("selfIsDirectory", () -> self.readAttributes().isDirectory());
      BasicFileAttributeView child = sds.getFileAttributeView(
          w.getFileSystem().getPath("c.txt"), BasicFileAttributeView.class);
      o.query("childSize", () -> child.readAttributes().size());
      PosixFileAttributeView posix = sds.getFileAttributeView(
          w.getFileSystem().getPath("c.txt"), PosixFileAttributeView.class);
      o.permissionsOf("childPermissions", () -> posix.readAttributes().permissions());
      BasicFileAttributeView missing = sds.getFileAttributeView(
          w.getFileSystem().getPath("nope"), BasicFileAttributeView.class);
      o.attempt("missing", missing::readAttributes);
      o.attempt("setTimes", () -> child.setTimes(Fixture.OLD, null, null));
      o.note("mtime", Files.getLastModifiedTime(w.resolve("d/c.txt")));
    });
    secure(t, "relative dot-dot", (w, o, sds) -> {
      o.attempt("deleteUp", () -> sds.deleteFile(w.getFileSystem().getPath("../a.txt")));
      o.note("aExists", Files.exists(w.resolve("a.txt")));
    }).differsOnTmp(
        "secure directory streams refuse relative '..', which could climb out of the root",
        "deleteUp",
        "!FileSystemException(~../a.txt,null,'..' is not allowed relative to an open directory of"
            + " tmp:)",
        "aExists", "true",
        "tree", "[.hidden=h, a.txt=alpha, b.log=bravo!, d/, d/c.txt=charlie, d/e/, d/e/f.txt=foxtrot,"
            + " d/e/g.log=, empty/]");
    secure(t, "operations after close", (w, o, sds) -> {
      sds.close();
      o.attempt("deleteFile", () -> sds.deleteFile(w.getFileSystem().getPath("c.txt")));
      o.attempt("newByteChannel",
          () -> sds.newByteChannel(w.getFileSystem().getPath("c.txt"), java.util.Set.of(READ)));
      o.note("cExists", Files.exists(w.resolve("d/c.txt")));
    });
    return t;
  }

  /** Operations of a secure directory stream open on {@code d} of {@link Fixture#tree}. */
  @FunctionalInterface
  interface SecureBody {
    void run(Path work, Outcome out, SecureDirectoryStream<Path> stream) throws Exception;
  }

  static Scenario secure(Scenario.Table t, String name, SecureBody body) {
    return t.add("secure " + name, (w, o) -> {
      tree(w);
      try (DirectoryStream<Path> s = Files.newDirectoryStream(w.resolve("d"))) {
        o.note("secure", s instanceof SecureDirectoryStream);
        if (s instanceof SecureDirectoryStream) {
          body.run(w, o, (SecureDirectoryStream<Path>) s);
        }
      }
      o.tree("tree");
    });
  }

}
