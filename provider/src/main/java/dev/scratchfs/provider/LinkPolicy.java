package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.IoFunction;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;

/**
 * Which symbolic links a scratch file system lets exist: only links that cannot lead out of its
 * root, whichever operation produces them. Creating a link, copying one ({@code NOFOLLOW_LINKS}),
 * moving one or a directory holding some (by path or through a secure directory stream, within a
 * file system or into another) and hard-linking one all place a link somewhere, and all pass here.
 *
 * <ul>
 *   <li>An absolute target names a scratch path; the link stores the delegate path it maps to,
 *       inside the root of the file system the link is in, and reads back as the scratch path. A
 *       link copied or moved into another scratch file system is made anew with its target mapped
 *       into that one, so it never reaches into the first.
 *   <li>A relative target may start with {@code ..} names, at most as many as there are
 *       directories between the root and the directory the link is in (with links resolved);
 *       after the first other name it may not contain {@code ..} at all, because what a name
 *       followed by {@code ..} reaches depends on whether the name is itself a link.
 * </ul>
 *
 * <p>Java 17 has no {@code symlinkat}: a link is created by path, so the depth of its directory
 * is checked before and checked again after the link exists, and a link that escaped meanwhile is
 * removed. Only a process of the same user can swap directories inside the owner-only root, so
 * that is the only party that can race the two checks (see the README's threat model).
 */
final class LinkPolicy {
  private LinkPolicy() {}

  /** {@code createSymbolicLink}: a new link at {@code link} to {@code target}. */
  static void create(Gate gate, TmpPath link, TmpPath target, FileAttribute<?>... attrs)
      throws IOException {
    Path stored =
        target.isAbsolute()
            ? gate.mapByPath(target)
            : gate.fileSystem().mapping().toDelegateLinkTarget(checkedRelative(link, target));
    place(gate, link, target,
        at -> {
          gate.delegateProvider().createSymbolicLink(at, stored, attrs);
          return at;
        });
  }

  /** Reads a link as the caller sees it; a planted link pointing outside is refused. */
  static TmpPath read(Gate gate, TmpPath link) throws IOException {
    Path stored = gate.delegateProvider().readSymbolicLink(gate.mapByPath(link));
    return shown(gate, link, stored);
  }

  private static TmpPath shown(Gate gate, TmpPath link, Path stored) throws FileSystemException {
    TmpFileSystem fs = gate.fileSystem();
    if (!stored.isAbsolute()) {
      String s = stored.toString();
      String sep = stored.getFileSystem().getSeparator();
      return TmpPath.parse(fs, sep.equals("/") ? s : s.replace(sep, "/"));
    }
    String mapped = fs.mapping().fromDelegate(stored);
    if (mapped == null) {
      throw new FileSystemException(
          link.toString(), null, "symbolic link points outside the tmp: file system");
    }
    return TmpPath.parse(fs, mapped);
  }

  /** A copy of the link {@code source} (of {@code from}) made at {@code target} (of {@code to}). */
  static void copy(Gate from, TmpPath source, Gate to, TmpPath target) throws IOException {
    TmpPath shown = read(from, source);
    create(to, target, TmpPath.parse(to.fileSystem(), shown.string()));
  }

  /**
   * Checks that the link at {@code delegateLink}, about to move (by rename) into the directory
   * {@code newParent}, cannot lead out from there.
   */
  static void checkMove(Gate gate, TmpPath shownLink, Path delegateLink, Path newParent)
      throws IOException {
    int climbs = storedClimbs(gate, shownLink, delegateLink);
    if (climbs > 0 && climbs > depth(gate, newParent)) {
      throw refused(shownLink, delegateLink.getFileName().toString(),
          "its target would climb above the root from its new directory");
    }
  }

  /**
   * After a rename by path: if what arrived at {@code delegate} is a link that leads out from
   * there (swapped in by another thread after the checks), takes it back out and refuses.
   */
  static void removeIfEscaping(Gate gate, TmpPath shown, Path delegate) throws IOException {
    BasicFileAttributes arrived = gate.access().readAttributesOrNull(delegate);
    if (arrived == null || !arrived.isSymbolicLink()) {
      return;
    }
    try {
      checkMove(gate, shown, delegate, delegate.getParent());
    } catch (FileSystemException escaping) {
      gate.delegateProvider().deleteIfExists(delegate);
      throw escaping;
    }
  }

  /** As {@link #checkMove}, for a link whose new directory's depth is known. */
  static void checkMoveTo(Gate gate, Path delegateLink, TmpPath shownLink, int newParentDepth)
      throws IOException {
    if (storedClimbs(gate, shownLink, delegateLink) > newParentDepth) {
      throw refused(shownLink, delegateLink.getFileName().toString(),
          "its target would climb above the root from its new directory");
    }
  }

  /** The climbs of a stored link; refuses a planted link that points outside. */
  private static int storedClimbs(Gate gate, TmpPath shownLink, Path delegateLink)
      throws IOException {
    Path stored = gate.delegateProvider().readSymbolicLink(delegateLink);
    TmpPath shown = shown(gate, shownLink, stored);
    return stored.isAbsolute() ? 0 : climbs(shownLink, shown);
  }

  /** {@code createLink} of an existing entry: a new name for a link is a link placed anew. */
  static void createHardLink(Gate gate, TmpPath link, TmpPath existing) throws IOException {
    Path existingFile = gate.mapByPath(existing);
    BasicFileAttributes attrs = gate.access().readAttributesOrNull(existingFile);
    if (attrs == null || !attrs.isSymbolicLink()) {
      gate.delegateProvider().createLink(gate.mapByPath(link), existingFile);
      return;
    }
    place(gate, link, read(gate, existing),
        at -> {
          gate.delegateProvider().createLink(at, existingFile);
          return at;
        });
  }

  /**
   * Creates a link at {@code link} with {@code creation}, which makes it at the path it is given.
   * A target that climbs is placed by {@link LinkPlacement}, into exactly the directory whose
   * depth was checked; any other target cannot lead out from anywhere.
   */
  private static void place(
      Gate gate, TmpPath link, TmpPath target, IoFunction<Path, ?> creation) throws IOException {
    int climbs = target.isAbsolute() ? 0 : climbs(link, target);
    if (climbs == 0) {
      creation.apply(gate.mapByPath(link));
      return;
    }
    LinkPlacement.place(gate, link, climbs, creation,
        () -> refused(link, target.toString(), "the target climbs above the root of the tmp: file system"));
  }

  static Path parentOf(Gate gate, TmpPath link) {
    TmpPath parent = gate.absolute(link).normalize().getParent();
    return parent == null ? gate.fileSystem().mapping().delegateRoot() : gate.mapByPath(parent);
  }

  private static TmpPath checkedRelative(TmpPath link, TmpPath target) throws FileSystemException {
    climbs(link, target);
    return target;
  }

  /** The {@code ..} names a relative target starts with; refuses {@code ..} after a name. */
  private static int climbs(TmpPath link, TmpPath target) throws FileSystemException {
    int climbs = 0;
    boolean seenName = false;
    for (String name : target.names()) {
      if (name.equals("..")) {
        if (seenName) {
          throw refused(link, target.toString(), "'..' after a name in a link target can lead anywhere");
        }
        climbs++;
      } else if (!name.equals(".") && !name.isEmpty()) {
        seenName = true;
      }
    }
    return climbs;
  }

  /**
   * How many directories lie between the root and {@code delegateDir}, with links resolved.
   *
   * @throws FileSystemException if the directory resolves outside the root
   */
  static int depth(Gate gate, Path delegateDir) throws IOException {
    Path real = delegateDir.toRealPath();
    Path root = gate.fileSystem().mapping().realRoot();
    if (!real.startsWith(root)) {
      throw new FileSystemException(
          gate.fileSystem().mapping().toScratchString(delegateDir.toString()), null,
          "the directory resolves outside the tmp: file system");
    }
    return real.getNameCount() - root.getNameCount();
  }

  /**
   * The depth of the open directory a secure stream's gate starts from, refusing when the
   * directory is no longer where the stream was opened (it was moved or replaced since).
   */
  static int depthOfOpenDirectory(Gate gate, TmpPath dir) throws IOException {
    Path byPath = gate.mapByPath(dir);
    Object handleKey =
        gate.access().directory().getFileAttributeView(BasicFileAttributeView.class)
            .readAttributes().fileKey();
    Object pathKey =
        gate.delegateProvider().readAttributes(byPath, BasicFileAttributes.class).fileKey();
    if (handleKey != null && !handleKey.equals(pathKey)) {
      throw new FileSystemException(
          dir.toString(), null, "the directory of this stream was moved or replaced since it was opened");
    }
    return depth(gate, byPath);
  }

  private static FileSystemException refused(TmpPath link, String target, String why) {
    return new FileSystemException(
        link.toString(), target, "symbolic link would lead out of the tmp: file system: " + why);
  }
}
