package dev.scratchfs.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Gives the owner {@code rwx} back on a directory tree (the root given and every directory below
 * it, nothing above or beside it), so that the tree can be deleted after its owner took its own
 * access away ({@code chmod -w}, {@code chmod 000}).
 *
 * <p>The walk goes through open directory handles: each directory is opened relative to its
 * parent's handle with {@code O_NOFOLLOW} and changed through its own handle ({@code fchmod}), so a
 * directory swapped for a link is never entered or changed.
 *
 * <p>A directory without read permission cannot be opened at all, and Java has no {@code
 * fchmodat} that refuses links, so such a directory is changed by path ({@code chmod}), which
 * follows a link in its last name. The window is kept as small as the API allows: the entry is
 * first seen through its parent's handle as a directory, owner {@code rwx} is only ever added
 * (never group or other bits, never a removal), and the entry is entered only if the parent's
 * handle then still shows the same directory (same file key). Only the owner can change a file's
 * mode (or root, who never needs this: it is not subject to permissions), so what a link swapped
 * into that window by a process of the same user can achieve is giving that user owner access to
 * one of its own files.
 */
final class OwnerAccess {
  private static final Set<PosixFilePermission> OWNER_RWX =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private OwnerAccess() {}

  /**
   * Gives the owner {@code rwx} on {@code root}, if it is a real directory, and on every directory
   * below it.
   *
   * @param root the top of the tree; its parent is only opened, never changed
   * @throws IOException if the root's parent cannot be opened or a mode cannot be changed
   */
  static void restore(Path root) throws IOException {
    Path absolute = root.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null
        || Files.getFileAttributeView(absolute, PosixFileAttributeView.class, NOFOLLOW_LINKS)
            == null) {
      return; // a file system root is never a tree this is given; no modes to restore elsewhere
    }
    try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent)) {
      if (!(parentStream instanceof SecureDirectoryStream)) {
        return; // without handles every change would go by path: leave the tree as it is
      }
      restore((SecureDirectoryStream<Path>) parentStream, parent, absolute.getFileName());
    }
  }

  /**
   * Gives the owner {@code rwx} on the entry {@code name} of an open directory, if it is a real
   * directory, and on every directory below it, reached through {@code parent}.
   *
   * @param parent the open directory holding the tree; never changed itself
   * @param parentPath its absolute path, for the one change that can only go by path (a directory
   *     that cannot be opened at all)
   * @param name the tree's name in {@code parent}
   * @throws IOException if a mode cannot be changed
   */
  static void restore(SecureDirectoryStream<Path> parent, Path parentPath, Path name)
      throws IOException {
    if (parent.getFileAttributeView(name, PosixFileAttributeView.class, NOFOLLOW_LINKS) == null) {
      return; // no modes on this file system
    }
    Failures failures = new Failures();
    restoreEntry(parent, parentPath, name, failures);
    failures.throwIfAny();
  }

  /**
   * Restores the directory {@code name} of {@code parent} and everything below it; a failure is
   * recorded and the walk goes on, so that one stubborn directory does not keep the rest.
   */
  private static void restoreEntry(
      SecureDirectoryStream<Path> parent, Path parentPath, Path name, Failures failures) {
    try (SecureDirectoryStream<Path> opened = open(parent, parentPath, name)) {
      if (opened == null) {
        return;
      }
      PosixFileAttributeView self = opened.getFileAttributeView(PosixFileAttributeView.class);
      if (self != null) {
        addOwnerBits(self, self.readAttributes());
      }
      List<Path> names = new ArrayList<>();
      for (Path entry : opened) {
        names.add(entry.getFileName());
      }
      Path path = parentPath.resolve(name);
      for (Path child : names) {
        restoreEntry(opened, path, child, failures);
      }
    } catch (IOException e) {
      failures.add(e);
    } catch (DirectoryIteratorException e) {
      failures.add(e.getCause());
    }
  }

  /**
   * Opens the entry if it is a directory (never following a link), first making it readable by
   * its owner if it is not; null if it is not a directory, vanished or changed meanwhile.
   */
  private static SecureDirectoryStream<Path> open(
      SecureDirectoryStream<Path> parent, Path parentPath, Path name) throws IOException {
    PosixFileAttributes before = attributes(parent, name);
    if (before == null || !before.isDirectory()) {
      return null;
    }
    try {
      return parent.newDirectoryStream(name, NOFOLLOW_LINKS);
    } catch (AccessDeniedException unreadable) {
      if (before.permissions().containsAll(OWNER_RWX)) {
        throw unreadable; // not a matter of its mode: nothing this class can change
      }
      // Only by path: a directory that cannot be read cannot be opened for fchmod.
      PosixFileAttributeView byPath =
          Files.getFileAttributeView(parentPath.resolve(name), PosixFileAttributeView.class);
      addOwnerBits(byPath, before);
      PosixFileAttributes after = attributes(parent, name);
      if (after == null
          || !after.isDirectory()
          || !Objects.equals(after.fileKey(), before.fileKey())) {
        return null; // swapped meanwhile: never entered
      }
      return parent.newDirectoryStream(name, NOFOLLOW_LINKS);
    } catch (FileSystemException vanishedOrSwapped) {
      return null; // removed or replaced by a non-directory since it was seen: left to the deletion
    }
  }

  private static PosixFileAttributes attributes(SecureDirectoryStream<Path> parent, Path name)
      throws IOException {
    PosixFileAttributeView view =
        parent.getFileAttributeView(name, PosixFileAttributeView.class, NOFOLLOW_LINKS);
    if (view == null) {
      return null;
    }
    try {
      return view.readAttributes();
    } catch (NoSuchFileException gone) {
      return null;
    }
  }

  private static void addOwnerBits(PosixFileAttributeView view, PosixFileAttributes attributes)
      throws IOException {
    Set<PosixFilePermission> perms = attributes.permissions();
    if (!perms.containsAll(OWNER_RWX)) {
      EnumSet<PosixFilePermission> wanted = EnumSet.copyOf(OWNER_RWX);
      wanted.addAll(perms);
      view.setPermissions(wanted);
    }
  }
}
