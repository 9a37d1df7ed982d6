package dev.scratchfs.provider;

import dev.scratchfs.path.PathMapping;
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
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Rewrites a delegate's {@link FileSystemException} so that it names the caller's {@code tmp:} paths
 * instead of the hidden delegate paths, keeping the exception's type, reason and stack trace.
 *
 * <p>A path the caller passed is named exactly as the caller wrote it (relative stays relative, like
 * the default provider); any other path under the root is shown as its absolute scratch path.
 */
final class ExceptionTranslator {
  private ExceptionTranslator() {}

  /**
   * Translates {@code e}.
   *
   * @param e the delegate's exception
   * @param mapping the file system's mapping
   * @param map what each of the caller's paths was mapped to (null if it could not be)
   * @param callerPaths the paths the caller passed to the failed operation
   * @return an exception of the same type naming scratch paths, or {@code e} if it names no path
   */
  static IOException translate(
      IOException e, PathMapping mapping, Function<TmpPath, Path> map, TmpPath... callerPaths) {
    if (!(e instanceof FileSystemException)) {
      return e;
    }
    FileSystemException fse = (FileSystemException) e;
    String file = rename(fse.getFile(), mapping, map, callerPaths);
    String other = rename(fse.getOtherFile(), mapping, map, callerPaths);
    if (same(file, fse.getFile()) && same(other, fse.getOtherFile())) {
      return e;
    }
    FileSystemException result = recreate(fse, file, other, fse.getReason());
    if (result == null) {
      return e;
    }
    result.setStackTrace(e.getStackTrace());
    for (Throwable s : e.getSuppressed()) {
      result.addSuppressed(s);
    }
    return result;
  }

  private static boolean same(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  private static String rename(
      String s, PathMapping mapping, Function<TmpPath, Path> map, TmpPath[] callerPaths) {
    if (s == null) {
      return null;
    }
    for (TmpPath p : callerPaths) {
      Path mapped = p == null ? null : map.apply(p);
      if (mapped != null && s.equals(mapped.toString())) {
        return p.toString();
      }
    }
    return mapping.toScratchString(s);
  }

  private static FileSystemException recreate(
      FileSystemException e, String file, String other, String reason) {
    Class<?> type = e.getClass();
    if (type == FileSystemException.class) {
      return new FileSystemException(file, other, reason);
    } else if (type == NoSuchFileException.class) {
      return new NoSuchFileException(file, other, reason);
    } else if (type == FileAlreadyExistsException.class) {
      return new FileAlreadyExistsException(file, other, reason);
    } else if (type == AccessDeniedException.class) {
      return new AccessDeniedException(file, other, reason);
    } else if (type == NotLinkException.class) {
      return new NotLinkException(file, other, reason);
    } else if (type == AtomicMoveNotSupportedException.class) {
      return new AtomicMoveNotSupportedException(file, other, reason);
    } else if (type == DirectoryNotEmptyException.class) {
      return new DirectoryNotEmptyException(file);
    } else if (type == NotDirectoryException.class) {
      return new NotDirectoryException(file);
    } else if (type == FileSystemLoopException.class) {
      return new FileSystemLoopException(file);
    }
    return null; // an unknown subclass: better the original than a different type
  }
}
