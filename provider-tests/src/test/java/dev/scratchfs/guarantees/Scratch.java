package dev.scratchfs.guarantees;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A scratch file system made for one test in a directory of that test, over the default file
 * system or over jimfs; closing it closes both.
 */
public final class Scratch implements AutoCloseable {
  /** The file system a scratch file system delegates to. */
  public enum Delegate {
    DEFAULT,
    JIMFS
  }

  private final Delegate delegate;
  private final FileSystem jimfs;
  private final Path dir;
  private final FileSystem fs;

  private Scratch(Delegate delegate, FileSystem jimfs, Path dir, FileSystem fs) {
    this.delegate = delegate;
    this.jimfs = jimfs;
    this.dir = dir;
    this.fs = fs;
  }

  /**
   * Opens a scratch file system in {@code testDir} (default delegate) or in a fresh jimfs.
   *
   * @param delegate which file system to put it on
   * @param testDir a directory of the test on the default file system
   */
  public static Scratch open(Delegate delegate, Path testDir) throws IOException {
    if (delegate == Delegate.DEFAULT) {
      return new Scratch(delegate, null, testDir, TmpFileSystems.builder().dir(testDir).build());
    }
    FileSystem jimfs = Disk.newJimfs();
    Path dir = Files.createDirectories(jimfs.getPath("/work"));
    return new Scratch(delegate, jimfs, dir, TmpFileSystems.builder().dir(dir).build());
  }

  /** The delegate kind. */
  public Delegate delegate() {
    return delegate;
  }

  /** The scratch file system. */
  public FileSystem fs() {
    return fs;
  }

  /** The directory on the delegate the scratch file system was created in. */
  public Path dir() {
    return dir;
  }

  /** A path of the scratch file system. */
  public Path path(String first, String... more) {
    return fs.getPath(first, more);
  }

  /** The delegate path of a scratch path: the real file on disk or in jimfs. */
  public Path disk(Path scratchPath) {
    return TmpFileSystems.unwrap(scratchPath);
  }

  @Override
  public void close() throws IOException {
    try {
      fs.close();
    } finally {
      if (jimfs != null) {
        jimfs.close();
      }
    }
  }
}
