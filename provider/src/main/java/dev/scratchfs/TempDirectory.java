package dev.scratchfs;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.scratchfs.io.TreeDeleter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.Path;

/**
 * A temporary directory, made by {@link TempFiles#temporaryDirectory}, that {@link #close()} removes
 * with everything in it. Python's {@code TemporaryDirectory}.
 *
 * <p>The removal never follows a symbolic link: a link inside the tree is removed, whatever it points
 * at is left alone. Subdirectories the owner made read-only are made writable again so their contents
 * can go.
 */
public final class TempDirectory implements Closeable {
  private final Path path;
  private boolean deleted;

  TempDirectory(Path path) {
    this.path = checkNotNull(path, "path");
  }

  /**
   * Returns the directory.
   *
   * @return its absolute path
   */
  public Path path() {
    return path;
  }

  /**
   * Removes the directory and everything below it, with {@link TreeDeleter#deleteTree}. Once this has
   * succeeded, further calls do nothing; after a failure, another call tries again. A directory the
   * caller already removed is not an error, nor is one whose file system has been closed meanwhile (a
   * {@code tmp:} file system removes everything in it when it closes).
   *
   * @throws IOException if something could not be removed; the message names what was left
   */
  @Override
  public synchronized void close() throws IOException {
    if (deleted) {
      return;
    }
    try {
      TreeDeleter.deleteTree(path);
    } catch (ClosedFileSystemException fileSystemGone) {
      // Nothing is reachable through a closed file system any more; a scratch (tmp:) file system
      // removed the whole tree when it closed.
    }
    deleted = true;
  }

  /** Returns the directory's path for messages. */
  @Override
  public String toString() {
    return "TempDirectory[" + path + "]";
  }
}
