package dev.scratchfs.io;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.io.InsecureRecursiveDeleteException;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a directory tree without ever following a symbolic link and without leaving the tree.
 *
 * <p>The deletion itself is Guava's {@link MoreFiles#deleteRecursively}: where the file system
 * offers a {@link java.nio.file.SecureDirectoryStream} (Linux, jimfs, {@code tmp:}) it works
 * relative to open directory handles, so a directory swapped for a link during the walk is removed
 * as a link, never entered.
 * Where there is none it falls back to Guava's insecure mode, which still checks each entry with
 * {@code NOFOLLOW_LINKS} but can lose a race against a concurrent swap; that fallback is documented.
 *
 * <p>Guava stops at directories its owner cannot write ({@code chmod -w}, the usual way tests and
 * build tools make "read-only" trees) or read ({@code chmod 000}). When the first pass fails, this
 * class gives the owner {@code rwx} back on the root and every directory below it ({@link
 * OwnerAccess}: through each directory's own open handle where it can be opened) and then deletes
 * again. What still cannot be deleted is reported in the exception; nothing is swallowed.
 *
 * <p>Nothing outside the root is ever changed or deleted: the root's parent is only opened, to
 * reach the root relative to it.
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
