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
 *
 * <p>Where the delegate's stream was opened at what the directory maps to by path, an entry is a
 * {@link ListedPath}: made without decoding the entry's name, which happens only if something
 * needs its string, and mapped as the delegate's own entry where names round-trip.
 */
class TmpDirectoryStream implements DirectoryStream<Path>, HandleTracker.OpenState {
  private final DirectoryStream<Path> delegate;
  private final TmpPath dir;
  private final boolean byPath;
  private final Filter<? super Path> filter;
  private volatile boolean open = true;

  /**
   * Wraps {@code delegate}, an accept-all stream of the delegate directory of {@code dir}.
   *
   * @param delegate the delegate's stream
   * @param dir the directory as the caller named it
   * @param byPath whether {@code delegate} lists what {@code dir} maps to by path, so that its
   *     entries are the delegate paths of theirs
   * @param filter the caller's filter, or null for all entries
   */
  TmpDirectoryStream(
      DirectoryStream<Path> delegate, TmpPath dir, boolean byPath, Filter<? super Path> filter) {
    this.delegate = delegate;
    this.dir = dir;
    this.byPath = byPath;
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
          Path entry = entries.next();
          Path candidate =
              byPath ? new ListedPath(dir, entry) : dir.resolve(entry.getFileName().toString());
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
