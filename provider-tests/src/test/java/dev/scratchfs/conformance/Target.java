package dev.scratchfs.conformance;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.common.jimfs.WatchServiceConfiguration;
import dev.scratchfs.TmpFileSystems;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The four file systems every scenario runs on. A tmp: target is only ever compared with its own
 * delegate, never with the other delegate.
 */
enum Target {
  DEFAULT("default", null),
  JIMFS("jimfs", null),
  TMP_OVER_DEFAULT("tmp-over-default", DEFAULT),
  TMP_OVER_JIMFS("tmp-over-jimfs", JIMFS);

  private final String label;
  private final Target delegate;

  Target(String label, Target delegate) {
    this.label = label;
    this.delegate = delegate;
  }

  String label() {
    return label;
  }

  /** The file system a tmp: target wraps, or null for a plain target. */
  Target delegate() {
    return delegate;
  }

  boolean isTmp() {
    return delegate != null;
  }

  /**
   * Opens a fresh, empty work directory of this target under {@code base}, a directory the test
   * created; closing the workspace deletes everything it made.
   */
  Workspace open(Path base) throws IOException {
    switch (this) {
      case DEFAULT: {
        Path dir = Files.createTempDirectory(base, "default-");
        return new Workspace(dir, () -> deleteTree(dir));
      }
      case JIMFS: {
        FileSystem jimfs = newJimfs();
        Path work = Files.createDirectories(jimfs.getPath("/work"));
        return new Workspace(work, jimfs);
      }
      case TMP_OVER_DEFAULT: {
        Path dir = Files.createTempDirectory(base, "tmp-");
        FileSystem tmp = TmpFileSystems.builder().dir(dir).build();
        return new Workspace(
            tmp.getPath("/"),
            () -> {
              try {
                tmp.close();
              } finally {
                deleteTree(dir);
              }
            });
      }
      case TMP_OVER_JIMFS: {
        FileSystem jimfs = newJimfs();
        Path scratch = Files.createDirectory(jimfs.getPath("/scratch"));
        FileSystem tmp = TmpFileSystems.builder().dir(scratch).build();
        return new Workspace(
            tmp.getPath("/"),
            () -> {
              try (jimfs) {
                tmp.close();
              }
            });
      }
      default:
        throw new AssertionError(this);
    }
  }

  /** Jimfs with the posix views, polling for watch events often enough to keep the suite fast. */
  static FileSystem newJimfs() {
    return Jimfs.newFileSystem(
        Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix")
            .setWatchServiceConfiguration(
                WatchServiceConfiguration.polling(10, TimeUnit.MILLISECONDS))
            .build());
  }

  /** Deletes a tree this test created under its own temporary directory; never follows links. */
  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  @Override
  public String toString() {
    return label;
  }

  /** A work directory and what deletes it. */
  static final class Workspace implements Closeable {
    final Path work;
    private final Closeable cleanup;

    Workspace(Path work, Closeable cleanup) {
      this.work = work;
      this.cleanup = cleanup;
    }

    @Override
    public void close() throws IOException {
      cleanup.close();
    }
  }
}
