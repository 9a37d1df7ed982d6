package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The process's default temporary directory: searched for once, on first use, then remembered, unless
 * set explicitly. Thread-safe: concurrent first calls run the search once.
 */
public final class TempDirCache {
  /**
   * Finds the directory when none is remembered.
   */
  @FunctionalInterface
  public interface Search {
    /**
     * Finds a usable directory.
     *
     * @return the directory
     * @throws IOException if there is none
     */
    Path find() throws IOException;
  }

  private final Search search;
  private final Object lock = new Object();
  private volatile Path dir;

  /**
   * Creates an empty cache.
   *
   * @param search what to run when a directory is needed and none is remembered
   */
  public TempDirCache(Search search) {
    this.search = checkNotNull(search, "search");
  }

  /**
   * Returns the remembered directory, searching for it first if there is none.
   *
   * @return the directory
   * @throws UncheckedIOException wrapping the search's exception if it found nothing; nothing is
   *     remembered then, so the next call searches again
   */
  public Path get() {
    Path known = dir;
    if (known != null) {
      return known;
    }
    synchronized (lock) {
      if (dir == null) {
        try {
          dir = checkNotNull(search.find(), "search result");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return dir;
    }
  }

  /**
   * Remembers {@code newDir} instead of searching, or forgets the directory if it is null so that the
   * next {@link #get} searches again.
   *
   * @param newDir the directory to use from now on, or null
   */
  public void set(Path newDir) {
    synchronized (lock) {
      dir = newDir;
    }
  }
}
