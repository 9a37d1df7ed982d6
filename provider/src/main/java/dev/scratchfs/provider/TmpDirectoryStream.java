package dev.scratchfs.provider;

import dev.scratchfs.lifecycle.FileSystemState;
import dev.scratchfs.lifecycle.HandleTracker;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A directory stream of a {@code tmp:} directory: the delegate's entries shown as {@code tmp:} paths,
 * resolved against the directory as the caller named it (as the default provider does), and the
 * caller's filter applied to those {@code tmp:} paths.
 */
class TmpDirectoryStream implements DirectoryStream<Path>, HandleTracker.OpenState {
  private final DirectoryStream<Path> delegate;
  private final TmpPath dir;
  private final Filter<? super Path> filter;
  private volatile boolean open = true;

  /**
   * Wraps {@code delegate}, an accept-all stream of the delegate directory of {@code dir}.
   *
   * @param delegate the delegate's stream
   * @param dir the directory as the caller named it
   * @param filter the caller's filter, or null for all entries
   */
  TmpDirectoryStream(DirectoryStream<Path> delegate, TmpPath dir, Filter<? super Path> filter) {
    this.delegate = delegate;
    this.dir = dir;
    this.filter = filter;
  }

  /**
   * Returns the directory as the caller named it.
   *
   * @return the directory path
   */
  TmpPath dir() {
    return dir;
  }

  /**
   * Returns the entries. Once the file system closed (which closes this stream), what the
   * delegate's stream throws for being closed is reported as {@code ClosedFileSystemException}.
   */
  @Override
  public Iterator<Path> iterator() {
    FileSystemState state = dir.getFileSystem().state();
    Iterator<Path> entries;
    try {
      entries = delegate.iterator();
    } catch (IllegalStateException e) {
      throw state.lostToClose(e);
    }
    return new Iterator<Path>() {
      private Path next;

      @Override
      public boolean hasNext() {
        try {
          return advance();
        } catch (IllegalStateException | DirectoryIteratorException e) {
          throw state.lostToClose(e);
        }
      }

      private boolean advance() {
        while (next == null && entries.hasNext()) {
          Path candidate = dir.resolve(entries.next().getFileName().toString());
          try {
            if (filter == null || filter.accept(candidate)) {
              next = candidate;
            }
          } catch (IOException e) {
            throw new DirectoryIteratorException(e);
          }
        }
        return next != null;
      }

      @Override
      public Path next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Path result = next;
        next = null;
        return result;
      }
    };
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    open = false;
    delegate.close();
  }
}
