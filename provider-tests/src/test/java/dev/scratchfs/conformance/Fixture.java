package dev.scratchfs.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Small setup steps shared by the scenario tables. */
final class Fixture {
  /** A fixed time, far from now, so that setting and copying times is observable. */
  static final FileTime OLD = FileTime.fromMillis(1_000_000_000_000L);

  private Fixture() {}

  static Path file(Path work, String name, String content) throws IOException {
    Path p = work.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  static Path dir(Path work, String name) throws IOException {
    return Files.createDirectories(work.resolve(name));
  }

  /** A small tree: a.txt, b.log, .hidden, d/c.txt, d/e/f.txt, d/e/g.log, empty/. */
  static void tree(Path work) throws IOException {
    file(work, "a.txt", "alpha");
    file(work, "b.log", "bravo!");
    file(work, ".hidden", "h");
    dir(work, "d/e");
    dir(work, "empty");
    file(work, "d/c.txt", "charlie");
    file(work, "d/e/f.txt", "foxtrot");
    file(work, "d/e/g.log", "");
  }
}
