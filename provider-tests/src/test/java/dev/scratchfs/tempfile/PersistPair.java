package dev.scratchfs.tempfile;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Feature;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * A directory to make temporary files in and a directory to persist them to, on the same or on
 * different file systems; closing it closes and removes everything it made (JUnit closes parameters
 * itself).
 */
final class PersistPair implements AutoCloseable {
  /** How {@code persist} is expected to give the file its name. */
  enum Expect {
    /** The same file gets the new name (hard link, or move without links). */
    SAME_FILE,
    /** A copy in the target's directory gets it. */
    COPY
  }

  private final String name;
  private final Path sourceDir;
  private final Path targetDir;
  private final Expect expect;
  private final Deque<Closeable> resources;

  private PersistPair(
      String name, Path sourceDir, Path targetDir, Expect expect, Deque<Closeable> resources) {
    this.name = name;
    this.sourceDir = sourceDir;
    this.targetDir = targetDir;
    this.expect = expect;
    this.resources = resources;
  }

  Path sourceDir() {
    return sourceDir;
  }

  Path targetDir() {
    return targetDir;
  }

  Expect expect() {
    return expect;
  }

  /** Every kind of pair, for {@code @MethodSource}. */
  static Stream<PersistPair> all() throws IOException {
    return Stream.of(
        sameDirectoryOnDefault(),
        otherDirectoryOnDefault(),
        sameDirectoryOnJimfs(),
        jimfsWithoutHardLinks(),
        defaultToJimfs(),
        jimfsToDefault(),
        scratchToDefault(),
        defaultToScratch(),
        sameDirectoryInScratch());
  }

  static PersistPair sameDirectoryOnDefault() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path dir = push(r, Place.onDefaultFileSystem()).dir();
    return new PersistPair("default, same dir", dir, dir, Expect.SAME_FILE, r);
  }

  static PersistPair otherDirectoryOnDefault() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path dir = push(r, Place.onDefaultFileSystem()).dir();
    return new PersistPair(
        "default, other dir",
        Files.createDirectory(dir.resolve("src")),
        Files.createDirectory(dir.resolve("dst")),
        Expect.SAME_FILE,
        r);
  }

  static PersistPair sameDirectoryOnJimfs() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path dir = push(r, Place.onJimfs()).dir();
    return new PersistPair("jimfs, same dir", dir, dir, Expect.SAME_FILE, r);
  }

  /** Jimfs configured without hard links: {@code createLink} is unsupported, so a move is used. */
  static PersistPair jimfsWithoutHardLinks() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    FileSystem fs =
        push(
            r,
            Jimfs.newFileSystem(
                Configuration.unix().toBuilder()
                    .setAttributeViews("basic", "owner", "posix")
                    .setSupportedFeatures(Feature.FILE_CHANNEL, Feature.SECURE_DIRECTORY_STREAM)
                    .build()));
    Path dir = Files.createDirectory(fs.getPath("/nolinks"));
    return new PersistPair("jimfs without hard links", dir, dir, Expect.SAME_FILE, r);
  }

  static PersistPair defaultToJimfs() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path from = push(r, Place.onDefaultFileSystem()).dir();
    Path to = push(r, Place.onJimfs()).dir();
    return new PersistPair("default -> jimfs", from, to, Expect.COPY, r);
  }

  static PersistPair jimfsToDefault() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path from = push(r, Place.onJimfs()).dir();
    Path to = push(r, Place.onDefaultFileSystem()).dir();
    return new PersistPair("jimfs -> default", from, to, Expect.COPY, r);
  }

  static PersistPair scratchToDefault() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path place = push(r, Place.onDefaultFileSystem()).dir();
    FileSystem scratch = push(r, TmpFileSystems.builder().dir(place).build());
    Path from = Files.createDirectory(scratch.getPath("/src"));
    Path to = Files.createDirectory(place.resolve("dst"));
    return new PersistPair("tmp: -> default", from, to, Expect.COPY, r);
  }

  static PersistPair defaultToScratch() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path place = push(r, Place.onDefaultFileSystem()).dir();
    FileSystem scratch = push(r, TmpFileSystems.builder().dir(place).build());
    Path from = Files.createDirectory(place.resolve("src"));
    Path to = Files.createDirectory(scratch.getPath("/dst"));
    return new PersistPair("default -> tmp:", from, to, Expect.COPY, r);
  }

  static PersistPair sameDirectoryInScratch() throws IOException {
    Deque<Closeable> r = new ArrayDeque<>();
    Path place = push(r, Place.onDefaultFileSystem()).dir();
    FileSystem scratch = push(r, TmpFileSystems.builder().dir(place).build());
    Path dir = Files.createDirectory(scratch.getPath("/work"));
    return new PersistPair("tmp:, same dir", dir, dir, Expect.SAME_FILE, r);
  }

  private static <T extends Closeable> T push(Deque<Closeable> resources, T resource) {
    resources.push(resource);
    return resource;
  }

  private static Place push(Deque<Closeable> resources, Place place) {
    resources.push(place::close);
    return place;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
