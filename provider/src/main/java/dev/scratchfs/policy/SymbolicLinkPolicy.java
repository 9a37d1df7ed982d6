package dev.scratchfs.policy;

import dev.scratchfs.path.PathMapping;
import dev.scratchfs.path.TmpPath;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which symbolic links a scratch file system creates: only links that cannot lead out of its root.
 *
 * <ul>
 *   <li>An absolute target names a scratch path; the link stores the delegate path it maps to, which
 *       is inside the root by construction, and reads back as the scratch path.
 *   <li>A relative target may start with {@code ..} names, as many as there are directories between
 *       the root and the link's real parent directory (its parent with links resolved); after the
 *       first other name it may not contain {@code ..} at all, because what a name followed by
 *       {@code ..} reaches depends on whether the name is itself a link, which no lexical check can
 *       know.
 * </ul>
 *
 * <p>A link created this way can still point outside after its directory is moved higher up the
 * tree; the README documents it. Cleanup never follows links and {@code toRealPath} refuses results
 * outside the root, so such a link can neither be deleted through nor resolved.
 */
public final class SymbolicLinkPolicy {
  private SymbolicLinkPolicy() {}

  /**
   * Returns the target to store for a new link, or refuses it.
   *
   * @param mapping the file system's mapping
   * @param realRoot the root with links resolved
   * @param link the link to create, as the caller named it
   * @param target the target, as the caller named it
   * @return the delegate target to pass to the delegate
   * @throws FileSystemException if the link could lead out of the root
   * @throws IOException if the link's parent cannot be resolved
   */
  public static Path delegateTarget(PathMapping mapping, Path realRoot, TmpPath link, TmpPath target)
      throws IOException {
    if (target.isAbsolute()) {
      return mapping.toDelegate(target);
    }
    String[] names = target.names();
    int climbs = 0;
    boolean seenName = false;
    for (String name : names) {
      if (name.equals("..")) {
        if (seenName) {
          throw refused(link, target, "'..' after a name in a link target can lead anywhere");
        }
        climbs++;
      } else if (!name.equals(".") && !name.isEmpty()) {
        seenName = true;
      }
    }
    if (climbs > 0) {
      TmpPath parent = link.toAbsolutePath().normalize().getParent();
      Path delegateParent = parent == null ? mapping.delegateRoot() : mapping.toDelegate(parent);
      if (Files.exists(delegateParent)) {
        Path realParent = delegateParent.toRealPath();
        if (!realParent.startsWith(realRoot)) {
          throw refused(link, target, "the link's directory is outside the tmp: file system");
        }
        int depth = realParent.equals(realRoot) ? 0 : realRoot.relativize(realParent).getNameCount();
        if (climbs > depth) {
          throw refused(link, target, "the target climbs above the root of the tmp: file system");
        }
      }
    }
    return mapping.delegateFileSystem().getPath(target.toString());
  }

  /**
   * Maps a link's stored target back to what the caller sees.
   *
   * @param mapping the file system's mapping
   * @param link the link, as the caller named it
   * @param stored the target stored on the delegate
   * @return the scratch target: absolute for an absolute stored target, relative otherwise
   * @throws FileSystemException if an absolute stored target is outside the root (a link the library
   *     did not create)
   */
  public static TmpPath scratchTarget(PathMapping mapping, TmpPath link, Path stored)
      throws FileSystemException {
    if (!stored.isAbsolute()) {
      String s = stored.toString();
      String sep = stored.getFileSystem().getSeparator();
      return link.getFileSystem().getPath(sep.equals("/") ? s : s.replace(sep, "/"));
    }
    TmpPath mapped = mapping.fromDelegate(stored);
    if (mapped == null) {
      throw new FileSystemException(
          link.toString(), null, "symbolic link points outside the tmp: file system");
    }
    return mapped;
  }

  private static FileSystemException refused(TmpPath link, TmpPath target, String why) {
    return new FileSystemException(
        link.toString(), target.toString(),
        "symbolic link would lead out of the tmp: file system: " + why);
  }
}
