package dev.scratchfs.path;

import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Translates between the paths of one scratch file system and the paths of its delegate, and keeps
 * every translated path inside the scratch root.
 *
 * <p>Confinement is lexical: a path is made absolute against {@code /} and normalized before it is
 * mapped, and {@code /..} is {@code /}, so no string a caller can write names anything above the
 * root; the mapped path never contains {@code .} or {@code ..}. Each name maps to exactly one
 * delegate name: where the delegate's separator is not {@code /} (jimfs's Windows configuration, a
 * Windows default file system), a name the delegate would read as more than one name, as a root,
 * or as a different name ({@code a\..\..}, {@code c:x}) is refused with {@link
 * InvalidPathException} instead of being re-parsed into a way out.
 *
 * <p>Symbolic links are the other way out; the link policy refuses links that would lead out, and
 * {@code toRealPath} refuses results outside the root.
 */
public final class PathMapping {
  private final Path delegateRoot;
  private final String delegateRootString;
  private final Path realRoot;
  private final FileSystem delegateFs;
  private final boolean slashSeparated;

  /**
   * Creates the mapping of {@code /} onto {@code delegateRoot}.
   *
   * @param delegateRoot the absolute delegate directory that {@code /} maps to
   * @param realRoot {@code delegateRoot} with links resolved (equal to it where there are none)
   */
  public PathMapping(Path delegateRoot, Path realRoot) {
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
   * Maps an absolute, normalized scratch path to the delegate path it stands for; always inside
   * the delegate root.
   *
   * @param normal an absolute path without {@code .} or {@code ..} names
   * @return the absolute delegate path
   * @throws InvalidPathException if a name does not map to exactly one delegate name
   */
  public Path toDelegate(UnixPath<?> normal) {
    String s = normal.string();
    if (s.equals("/")) {
      return delegateRoot; // the only normalized absolute path without names
    }
    if (slashSeparated) {
      // A name never holds '/', so where '/' is the delegate's separator the names resolved as one
      // relative string are the same names; the delegate then parses just that part, not its root
      // again (jimfs parses paths slowly; the default provider re-encodes the whole string).
      return delegateRoot.resolve(s.substring(1));
    }
    String[] names = normal.names();
    checkOneToOne(s, names);
    return delegateFs.getPath(delegateRootString, names);
  }

  /**
   * Maps a relative scratch path to a relative delegate path, for operations relative to an open
   * directory. Refuses {@code ..}, which could climb out of the root from there.
   *
   * @param path a relative path
   * @return the relative delegate path
   * @throws FileSystemException if the path contains {@code ..}
   * @throws InvalidPathException if a name does not map to exactly one delegate name
   */
  public Path toDelegateRelative(UnixPath<?> path) throws FileSystemException {
    String[] names = path.names();
    for (String name : names) {
      if (name.equals("..")) {
        throw new FileSystemException(
            path.toString(), null, "'..' is not allowed relative to an open directory of tmp:");
      }
    }
    if (slashSeparated) {
      return delegateFs.getPath(path.string());
    }
    checkOneToOne(path.string(), names);
    return delegateFs.getPath(names[0], java.util.Arrays.copyOfRange(names, 1, names.length));
  }

  /**
   * Maps the target of a relative symbolic link to the delegate's syntax: the same names, each
   * mapped to exactly one delegate name ({@code .} and {@code ..} included as they are).
   *
   * @param target a relative path
   * @return the relative delegate path to store in the link
   * @throws InvalidPathException if a name does not map to exactly one delegate name
   */
  public Path toDelegateLinkTarget(UnixPath<?> target) {
    if (slashSeparated) {
      return delegateFs.getPath(target.string());
    }
    String[] names = target.names();
    checkOneToOne(target.string(), names);
    return delegateFs.getPath(names[0], java.util.Arrays.copyOfRange(names, 1, names.length));
  }

  private void checkOneToOne(String path, String[] names) {
    for (String name : names) {
      if (name.equals(".") || name.equals("..")) {
        continue; // the same on every delegate; only where they may appear do they reach here
      }
      Path parsed;
      try {
        parsed = delegateFs.getPath(name);
      } catch (InvalidPathException e) {
        throw new InvalidPathException(path, "name not valid on the delegate file system: " + name);
      }
      if (parsed.isAbsolute() || parsed.getRoot() != null || parsed.getNameCount() != 1
          || !parsed.toString().equals(name)) {
        throw new InvalidPathException(
            path, "name would not map to exactly one name on the delegate file system: " + name);
      }
    }
  }

  /**
   * Maps an absolute delegate path back to the scratch path string it shows as.
   *
   * @param delegate a delegate path
   * @return the absolute scratch path string, or null if {@code delegate} is outside the root
   */
  public String fromDelegate(Path delegate) {
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
    return sb.length() == 0 ? "/" : sb.toString();
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
