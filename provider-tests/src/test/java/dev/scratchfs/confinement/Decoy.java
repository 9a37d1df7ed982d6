package dev.scratchfs.confinement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory outside every scratch root, made by the test, at the place an escaping link or path
 * would reach. Every link a test plants or provokes points here, never at a real directory; the
 * test then checks that nothing in it was read, changed, added or removed through {@code tmp:}.
 */
final class Decoy {
  /** The files of a fresh decoy, each holding {@link #content(String)}. */
  static final Set<String> FILES = Set.of("secret1", "secret2", "secret3");

  private final Path dir;

  private Decoy(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the decoy directory {@code dir} with its files.
   *
   * @param dir a path that does not exist yet, in a directory the test owns
   * @return the decoy
   */
  static Decoy create(Path dir) throws IOException {
    Files.createDirectory(dir);
    for (String name : FILES) {
      Files.writeString(dir.resolve(name), content(name));
    }
    return new Decoy(dir);
  }

  /** What decoy file {@code name} holds: text no scratch file ever holds. */
  static String content(String name) {
    return "DECOY " + name + " (outside every tmp: root)";
  }

  Path dir() {
    return dir;
  }

  /** Fails unless the decoy holds exactly its files with their contents. */
  void assertUntouched() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(FILES), names, "entries of the decoy " + dir);
    for (String name : FILES) {
      assertEquals(content(name), Files.readString(dir.resolve(name)), "decoy file " + name);
    }
  }
}
