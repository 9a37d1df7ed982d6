package dev.scratchfs.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a directory tree without ever following a symbolic link and without leaving the tree.
 *
 * <p>Where the file system offers a {@link SecureDirectoryStream} (Linux, jimfs, {@code tmp:}) the
 * deletion works relative to open directory handles, as {@code rm -rf} does: every entry is first
 * unlinked by name relative to its directory's handle ({@code unlinkat}, which removes a file, a
 * symbolic link itself, a FIFO or a socket and never follows anything); only an entry that turns
 * out to be a directory is opened, relative to the same handle and without following a link
 * ({@code O_NOFOLLOW}), emptied the same way and removed. (The top of the tree, usually a
 * directory, is looked at first, without following a link, instead of being unlinked first.) So a
 * directory swapped for a link during the walk is removed as a link, never entered, and no entry
 * costs more than one system call unless it is a directory. (Guava's {@link
 * MoreFiles#deleteRecursively} makes the same guarantees but reads every entry's attributes first:
 * twice the work per file.) Where there is no secure stream, Guava's insecure mode is used, which
 * checks each entry with {@code NOFOLLOW_LINKS} but can lose a race against a concurrent swap;
 * that fallback is documented.
 *
 * <p>A first pass stops at directories its owner cannot write ({@code chmod -w}, the usual way tests
 * and build tools make "read-only" trees) or read ({@code chmod 000}). When it fails, this class
 * gives the owner {@code rwx} back on the root and every directory below it ({@link OwnerAccess}:
 * through each directory's own open handle where it can be opened) and then deletes again. What
 * still cannot be deleted is reported in the exception; nothing is swallowed.
 *
 * <p>Nothing outside the root is ever changed or deleted: the root's parent is only opened (or
 * given open by the caller), to reach the root relative to it.
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
      OwnerAccess.restore(root);
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

  /**
   * Deletes an entry of an open directory and everything below it, as {@link #deleteTree(Path)}
   * does, reaching it only through {@code parent}: the parent is neither re-opened nor looked up by
   * path, so a caller that checked the directory it holds open deletes from exactly that directory.
   * Does nothing if the entry does not exist; a symbolic link is deleted as a link.
   *
   * @param parent the open directory holding the tree; only the tree's entry in it is changed
   * @param path the tree's absolute path ({@code parent}'s path and the tree's name in it): what
   *     messages name, and where a directory that cannot be opened at all gets its owner access
   *     back (see {@link OwnerAccess})
   * @throws IOException if anything could not be deleted; the message names what was left and the
   *     individual failures are attached as suppressed exceptions
   */
  public static void deleteTree(SecureDirectoryStream<Path> parent, Path path) throws IOException {
    checkArgument(path.isAbsolute(), "not an absolute path: %s", path);
    Path name = path.getFileName();
    if (name == null) {
      throw new FileSystemException(path.toString(), null, "will not delete a file system root");
    }
    IOException first;
    try {
      deleteOnce(parent, name, path);
      return;
    } catch (IOException e) {
      first = e;
    }
    try {
      OwnerAccess.restore(parent, path.getParent(), name);
    } catch (IOException e) {
      first.addSuppressed(e);
    }
    try {
      deleteOnce(parent, name, path);
    } catch (IOException second) {
      throw failure(path, first, second);
    }
  }

  private static void deleteOnce(Path root) throws IOException {
    Path absolute = root.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new FileSystemException(root.toString(), null, "will not delete a file system root");
    }
    DirectoryStream<Path> opened;
    try {
      opened = Files.newDirectoryStream(parent);
    } catch (NoSuchFileException gone) {
      return; // no parent, no tree
    }
    try (DirectoryStream<Path> parentStream = opened) {
      if (!(parentStream instanceof SecureDirectoryStream)) {
        // No handles on this file system: Guava's checked, link-refusing walk is the best it allows.
        if (Files.exists(absolute, NOFOLLOW_LINKS)) {
          MoreFiles.deleteRecursively(absolute, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        return;
      }
      deleteOnce((SecureDirectoryStream<Path>) parentStream, absolute.getFileName(), root);
    }
  }

  /** One pass through the parent's handle; throws a summary if anything could not be deleted. */
  private static void deleteOnce(SecureDirectoryStream<Path> parent, Path name, Path shown)
      throws IOException {
    Failures failures = new Failures();
    deleteEntry(parent, name, true, failures);
    if (failures.first() != null) {
      FileSystemException summary = new FileSystemException(
          shown.toString(), null, "failed to delete one or more files; see suppressed exceptions");
      summary.addSuppressed(failures.first());
      throw summary;
    }
  }

  /**
   * Deletes one entry of an open directory: unlinked first, and only if that says it is a
   * directory, opened without following a link, emptied and removed. The top of a tree, which is
   * usually a directory, is looked at first instead (without following a link), which spares the
   * failed unlink; either way only an entry seen as a directory is opened, and only without
   * following a link. Failures are collected and the rest is still attempted.
   *
   * @param top whether this is the top of the tree
   * @return false if the entry did not exist
   */
  private static boolean deleteEntry(
      SecureDirectoryStream<Path> dir, Path name, boolean top, Failures failures) {
    if (!top || !isDirectory(dir, name)) {
      try {
        dir.deleteFile(name);
        return true;
      } catch (NoSuchFileException gone) {
        return false;
      } catch (IOException notAFile) {
        if (!isDirectory(dir, name)) {
          failures.add(notAFile);
          return true;
        }
      }
    }
    try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, NOFOLLOW_LINKS)) {
      for (Path entry : child) {
        deleteEntry(child, entry.getFileName(), false, failures);
      }
    } catch (NoSuchFileException gone) {
      return false;
    } catch (IOException | DirectoryIteratorException e) {
      failures.add(e instanceof DirectoryIteratorException
          ? ((DirectoryIteratorException) e).getCause() : (IOException) e);
      return true;
    }
    failures.attempt(() -> dir.deleteDirectory(name));
    return true;
  }

  /** Whether the entry is a directory, read through the handle without following a link. */
  private static boolean isDirectory(SecureDirectoryStream<Path> dir, Path name) {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS)
          .readAttributes().isDirectory();
    } catch (IOException unreadable) {
      return false;
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
