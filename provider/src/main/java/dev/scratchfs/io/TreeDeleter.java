package dev.scratchfs.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.io.InsecureRecursiveDeleteException;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes a directory tree without ever following a symbolic link and without leaving the tree.
 *
 * <p>The deletion itself is Guava's {@link MoreFiles#deleteRecursively}: where the file system offers a
 * {@link SecureDirectoryStream} (Linux, jimfs, {@code tmp:}) it works relative to open directory
 * handles, so a directory swapped for a link during the walk is removed as a link, never entered.
 * Where there is none it falls back to Guava's insecure mode, which still checks each entry with
 * {@code NOFOLLOW_LINKS} but can lose a race against a concurrent swap; that fallback is documented.
 *
 * <p>Guava stops at directories its owner cannot write ({@code chmod -w}, the usual way tests and
 * build tools make "read-only" trees). When the first pass fails, this class restores the owner's
 * {@code rwx} on every directory below the root through the directory's own open handle ({@code
 * fchmod} on a {@code SecureDirectoryStream} opened with {@code NOFOLLOW_LINKS}), never by path, and
 * then deletes again. What still cannot be deleted is reported in the exception; nothing is
 * swallowed.
 */
public final class TreeDeleter {
  private static final int MAX_REPORTED = 20;

  private TreeDeleter() {}

  /**
   * Deletes {@code root} and everything below it; does nothing if it does not exist. If {@code root}
   * is a symbolic link, only the link is deleted.
   *
   * @param root the tree to delete
   * @throws IOException if anything could not be deleted; the message names what was left and the
   *     individual failures are attached as suppressed exceptions
   */
  public static void deleteTree(Path root) throws IOException {
    IOException first;
    try {
      deleteOnce(root);
      return;
    } catch (NoSuchFileException gone) {
      if (root.toString().equals(gone.getFile())) {
        return;
      }
      first = gone;
    } catch (IOException e) {
      first = e;
    }
    try {
      restoreOwnerAccess(root);
    } catch (IOException e) {
      first.addSuppressed(e);
    }
    try {
      deleteOnce(root);
    } catch (NoSuchFileException gone) {
      if (!root.toString().equals(gone.getFile())) {
        throw failure(root, first, gone);
      }
    } catch (IOException second) {
      throw failure(root, first, second);
    }
  }

  private static void deleteOnce(Path root) throws IOException {
    if (!Files.exists(root, NOFOLLOW_LINKS)) {
      return;
    }
    try {
      MoreFiles.deleteRecursively(root);
    } catch (InsecureRecursiveDeleteException noSecureStream) {
      // The file system has no SecureDirectoryStream: Guava's checked, link-refusing walk is the
      // best it allows.
      MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }

  /**
   * Gives the owner {@code rwx} on {@code root} (if it is a real directory) and every directory below
   * it, so that their entries can be deleted. Links are never followed: the root is changed with
   * {@code NOFOLLOW_LINKS}, and every directory below it is opened relative to its parent's handle
   * with {@code NOFOLLOW_LINKS} and changed through that handle.
   */
  private static void restoreOwnerAccess(Path root) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(root, BasicFileAttributes.class, NOFOLLOW_LINKS);
    if (!attrs.isDirectory()) {
      return;
    }
    if (Files.getFileAttributeView(root, PosixFileAttributeView.class, NOFOLLOW_LINKS) == null) {
      return; // no permissions to restore on this file system
    }
    Path parent = root.toAbsolutePath().getParent();
    if (parent == null) {
      return; // a file system root is never a tree this class is given
    }
    // The root is opened relative to its parent with O_NOFOLLOW, and changed through that handle:
    // a root swapped for a link since the check above is refused, never entered.
    try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(parent)) {
      if (!(parentStream instanceof SecureDirectoryStream)) {
        return; // without handles every change would go by path: leave the tree as it is
      }
      try (SecureDirectoryStream<Path> opened =
          ((SecureDirectoryStream<Path>) parentStream)
              .newDirectoryStream(root.getFileName(), NOFOLLOW_LINKS)) {
        PosixFileAttributeView self = opened.getFileAttributeView(PosixFileAttributeView.class);
        if (self != null) {
          addOwnerBits(self);
        }
        restoreBelow(opened);
      }
    }
  }

  private static void restoreBelow(SecureDirectoryStream<Path> dir) throws IOException {
    List<Path> names = new ArrayList<>();
    for (Path entry : dir) {
      names.add(entry.getFileName());
    }
    for (Path name : names) {
      BasicFileAttributes attrs;
      try {
        attrs =
            dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
                .readAttributes();
      } catch (NoSuchFileException gone) {
        continue; // removed meanwhile: nothing to restore
      }
      if (!attrs.isDirectory()) {
        continue;
      }
      SecureDirectoryStream<Path> child;
      try {
        // O_NOFOLLOW: a directory swapped for a link since the check is refused, not entered.
        child = dir.newDirectoryStream(name, NOFOLLOW_LINKS);
      } catch (FileSystemException swappedOrUnreadable) {
        continue; // left for the second deletion pass to report
      }
      try (SecureDirectoryStream<Path> opened = child) {
        PosixFileAttributeView self = opened.getFileAttributeView(PosixFileAttributeView.class);
        if (self != null) {
          addOwnerBits(self);
        }
        restoreBelow(opened);
      }
    }
  }

  private static void addOwnerBits(PosixFileAttributeView view) throws IOException {
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    EnumSet<PosixFilePermission> wanted =
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    if (!perms.containsAll(wanted)) {
      wanted.addAll(perms);
      view.setPermissions(wanted);
    }
  }

  private static IOException failure(Path root, IOException first, IOException second) {
    List<String> left = new ArrayList<>();
    try {
      listLeft(root, left);
    } catch (IOException unreadable) {
      second.addSuppressed(unreadable);
    }
    StringBuilder message =
        new StringBuilder("could not delete ").append(left.size()).append(" entries under ");
    message.append(root);
    if (!left.isEmpty()) {
      message.append(": ").append(String.join(", ", left));
      if (left.size() == MAX_REPORTED) {
        message.append(", …");
      }
    }
    IOException result = new IOException(message.toString(), second);
    for (Throwable t : second.getSuppressed()) {
      result.addSuppressed(t);
    }
    if (first != second) {
      result.addSuppressed(first);
    }
    return result;
  }

  /** Lists up to {@link #MAX_REPORTED} entries left in the tree, without following links. */
  private static void listLeft(Path dir, List<String> left) throws IOException {
    if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
      if (Files.exists(dir, NOFOLLOW_LINKS)) {
        left.add(dir.toString());
      }
      return;
    }
    left.add(dir.toString());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (left.size() >= MAX_REPORTED) {
          return;
        }
        listLeft(entry, left);
      }
    }
  }
}
