package dev.scratchfs.io;

import com.google.common.io.InsecureRecursiveDeleteException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites an exception so that it no longer names where something is on disk: every message,
 * file and other file of the exception, its causes and its suppressed exceptions passes through
 * a replacement (such as "the container's path" to "{@code tmp://name/}"). Types, reasons and
 * stack traces are kept, so the rewritten exception reads as the original did.
 */
public final class HiddenPaths {
  /** Deeper chains than this are cut: only a cyclic or absurd chain is that deep. */
  private static final int MAX_DEPTH = 32;

  private HiddenPaths() {}

  /**
   * Returns {@code e} rewritten by {@code show}.
   *
   * @param e the exception to rewrite
   * @param show maps a message or a file string to what may be shown
   * @return a new exception of the same type where {@code e} is one of the standard {@link
   *     FileSystemException} types, else an {@link IOException}
   */
  public static IOException rewrite(IOException e, UnaryOperator<String> show) {
    return (IOException) copy(e, show, new IdentityHashMap<>(), 0);
  }

  private static Throwable copy(
      Throwable t, UnaryOperator<String> show, Map<Throwable, Throwable> done, int depth) {
    Throwable known = done.get(t);
    if (known != null) {
      return known;
    }
    Throwable c = sameType(t, show);
    done.put(t, c);
    c.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && depth < MAX_DEPTH) {
      c.initCause(copy(t.getCause(), show, done, depth + 1));
    }
    for (Throwable s : t.getSuppressed()) {
      if (depth < MAX_DEPTH) {
        c.addSuppressed(copy(s, show, done, depth + 1));
      }
    }
    return c;
  }

  private static Throwable sameType(Throwable t, UnaryOperator<String> show) {
    if (!(t instanceof FileSystemException)) {
      String message = t.getMessage() == null ? null : show.apply(t.getMessage());
      if (t instanceof IOException) {
        return t.getClass() == IOException.class
            ? new IOException(message)
            : new IOException(t.getClass().getName() + ": " + message);
      }
      // Not an I/O failure (a bug, an error): keep its kind visible in the message.
      return new IllegalStateException(t.getClass().getName() + ": " + message);
    }
    FileSystemException f = (FileSystemException) t;
    String file = f.getFile() == null ? null : show.apply(f.getFile());
    String other = f.getOtherFile() == null ? null : show.apply(f.getOtherFile());
    String reason = f.getReason() == null ? null : show.apply(f.getReason());
    Class<?> type = f.getClass();
    if (type == AccessDeniedException.class) {
      return new AccessDeniedException(file, other, reason);
    } else if (type == AtomicMoveNotSupportedException.class) {
      return new AtomicMoveNotSupportedException(file, other, reason);
    } else if (type == DirectoryNotEmptyException.class) {
      return new DirectoryNotEmptyException(file);
    } else if (type == FileAlreadyExistsException.class) {
      return new FileAlreadyExistsException(file, other, reason);
    } else if (type == FileSystemLoopException.class) {
      return new FileSystemLoopException(file);
    } else if (type == NoSuchFileException.class) {
      return new NoSuchFileException(file, other, reason);
    } else if (type == NotDirectoryException.class) {
      return new NotDirectoryException(file);
    } else if (type == NotLinkException.class) {
      return new NotLinkException(file, other, reason);
    } else if (type == InsecureRecursiveDeleteException.class) {
      return new InsecureRecursiveDeleteException(file);
    }
    return new FileSystemException(file, other, reason);
  }
}
