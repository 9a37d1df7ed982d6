package dev.scratchfs.path;

import dev.scratchfs.provider.TmpFileSystem;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Translates between the paths of one scratch file system and the paths of its delegate, and keeps
 * every translated path inside the scratch root.
 *
 * <p>Confinement is lexical: a {@code tmp:} path is made absolute against {@code /} and normalized
 * before it is mapped, and {@code /..} is {@code /}, so no string a caller can write names anything
 * above the root. The mapped path never contains {@code .} or {@code ..}. Symbolic links are the
 * other way out; {@code SymbolicLinkPolicy} refuses links that would lead out, and {@code
 * toRealPath} refuses results outside the root.
 */
public final class PathMapping {
  private final TmpFileSystem fs;
  private final Path delegateRoot;
  private final String delegateRootString;
  private final Path realRoot;
  private final FileSystem delegateFs;
  private final boolean slashSeparated;

  /**
   * Creates the mapping of {@code fs} onto {@code delegateRoot}.
   *
   * @param fs the scratch file system
   * @param delegateRoot the absolute delegate directory that {@code /} maps to
   * @param realRoot {@code delegateRoot} with links resolved (equal to it where there are none)
   */
  public PathMapping(TmpFileSystem fs, Path delegateRoot, Path realRoot) {
    this.fs = fs;
    this.delegateRoot = delegateRoot;
    this.delegateRootString = delegateRoot.toString();
    this.realRoot = realRoot;
    this.delegateFs = delegateRoot.getFileSystem();
    this.slashSeparated = delegateFs.getSeparator().equals("/");
  }

  /**
   * Returns the delegate directory that {@code /} maps to.
   *
   * @return the delegate root
   */
  public Path delegateRoot() {
    return delegateRoot;
  }

  /**
   * Returns the delegate root with links resolved.
   *
   * @return the real root
   */
  public Path realRoot() {
    return realRoot;
  }

  /**
   * Returns the delegate file system.
   *
   * @return the file system the scratch root lives in
   */
  public FileSystem delegateFileSystem() {
    return delegateFs;
  }

  /**
   * Maps a scratch path to the delegate path it stands for; always inside the delegate root.
   *
   * @param path a path of this mapping's file system
   * @return the absolute delegate path
   */
  public Path toDelegate(TmpPath path) {
    Path cached = path.cachedDelegate();
    if (cached != null) {
      return cached;
    }
    TmpPath normal = path.toAbsolutePath().normalize();
    Path result;
    if (normal.string().equals("/")) {
      result = delegateRoot; // the only normalized absolute path without names
    } else if (slashSeparated) {
      // A tmp: name never holds '/', so where '/' is the delegate's separator the names resolved as
      // one relative string are the same names; the delegate then parses just that part, not its
      // root again (jimfs parses paths slowly; the default provider re-encodes the whole string).
      result = delegateRoot.resolve(normal.string().substring(1));
    } else {
      result = delegateFs.getPath(delegateRootString, normal.names());
    }
    path.cacheDelegate(result);
    return result;
  }

  /**
   * Maps a relative scratch path to a relative delegate path, for operations relative to an open
   * directory. Refuses {@code ..}, which could climb out of the root from there.
   *
   * @param path a relative path
   * @return the relative delegate path
   * @throws FileSystemException if the path contains {@code ..}
   */
  public Path toDelegateRelative(TmpPath path) throws FileSystemException {
    String[] names = path.names();
    for (String name : names) {
      if (name.equals("..")) {
        throw new FileSystemException(
            path.toString(), null, "'..' is not allowed relative to an open directory of tmp:");
      }
    }
    if (names.length == 1) {
      return delegateFs.getPath(names[0]);
    }
    String[] more = new String[names.length - 1];
    System.arraycopy(names, 1, more, 0, more.length);
    return delegateFs.getPath(names[0], more);
  }

  /**
   * Maps a path of any kind given to an operation relative to an open directory: absolute paths are
   * mapped like {@link #toDelegate}, relative ones like {@link #toDelegateRelative}.
   *
   * @param path the path
   * @return the delegate path
   * @throws FileSystemException if a relative path contains {@code ..}
   */
  public Path toDelegateForDirectory(TmpPath path) throws FileSystemException {
    return path.isAbsolute() ? toDelegate(path) : toDelegateRelative(path);
  }

  /**
   * Maps an absolute delegate path back to the scratch path it shows as.
   *
   * @param delegate a delegate path
   * @return the absolute scratch path, or null if {@code delegate} is outside the root
   */
  public TmpPath fromDelegate(Path delegate) {
    Path base;
    if (delegate.startsWith(delegateRoot)) {
      base = delegateRoot;
    } else if (delegate.startsWith(realRoot)) {
      base = realRoot;
    } else {
      return null;
    }
    Path relative = base.relativize(delegate);
    StringBuilder sb = new StringBuilder();
    for (Path name : relative) {
      String s = name.toString();
      if (s.isEmpty()) {
        continue;
      }
      if (s.equals("..")) {
        return null;
      }
      sb.append('/').append(s);
    }
    return TmpPath.parse(fs, sb.length() == 0 ? "/" : sb.toString());
  }

  /**
   * Rewrites a path string from a delegate's exception to the scratch path it stands for.
   *
   * @param s a path string, may be null
   * @return the scratch path string, or {@code s} itself if it is not under the root
   */
  public String toScratchString(String s) {
    if (s == null || !s.startsWith(delegateRootString)) {
      return s;
    }
    if (s.length() == delegateRootString.length()) {
      return "/";
    }
    String sep = delegateFs.getSeparator();
    if (!s.startsWith(sep, delegateRootString.length())) {
      return s;
    }
    String rest = s.substring(delegateRootString.length());
    return sep.equals("/") ? rest : rest.replace(sep, "/");
  }
}
