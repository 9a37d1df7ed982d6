package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.IoFunction;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

/**
 * Puts a new link whose target climbs ({@code ../..}) into exactly the directory whose depth the
 * {@link LinkPolicy} checked, although Java 17 can create links only by path.
 *
 * <p>The link's directory is opened first, and the handle is the directory that is checked: its
 * depth is read from its real path, which must still lead to that same directory. The link is made
 * by path in the file system's private staging directory (beside {@code root/}, where nothing else
 * goes), then moved by handle into the opened directory ({@code renameat}), so a directory swapped
 * for a link in between cannot carry it elsewhere. If the directory itself moved up meanwhile, the
 * link is taken back out through the same handle. Where the delegate has no secure directory
 * streams, or cannot move a link through one (jimfs follows it), the depth is checked by path
 * before and after creating, and what escaped is removed.
 */
final class LinkPlacement {
  private LinkPlacement() {}

  static void place(
      Gate gate, TmpPath link, int climbs, IoFunction<Path, ?> creation,
      Supplier<FileSystemException> refusal) throws IOException {
    if (gate.absolute(link).normalize().getNameCount() == 0) {
      throw new FileAlreadyExistsException(link.toString()); // the root
    }
    Path parent = LinkPolicy.parentOf(gate, link);
    Path name = gate.mapByPath(link).getFileName();
    DirectoryStream<Path> opened;
    try {
      opened = gate.delegateProvider().newDirectoryStream(parent, entry -> true);
    } catch (NoSuchFileException missingParent) {
      throw new NoSuchFileException(link.toString());
    }
    try (DirectoryStream<Path> dir = opened) {
      if (!(dir instanceof SecureDirectoryStream) || !gate.fileSystem().traits().movesLinksByHandle()) {
        placeByPath(gate, link, parent, climbs, creation, refusal);
        return;
      }
      SecureDirectoryStream<Path> handle = (SecureDirectoryStream<Path>) dir;
      if (climbs > depthOf(gate, handle, parent)) {
        throw refusal.get();
      }
      if (exists(handle, name)) {
        throw new FileAlreadyExistsException(link.toString());
      }
      Path staged = gate.fileSystem().staging().newName();
      try {
        creation.apply(staged);
        try (SecureDirectoryStream<Path> staging = gate.fileSystem().staging().open()) {
          staging.move(staged.getFileName(), handle, name);
        }
      } finally {
        gate.delegateProvider().deleteIfExists(staged);
      }
      if (climbs > depthOf(gate, handle, parent)) {
        handle.deleteFile(name); // the directory moved up meanwhile: the link would lead out
        throw refusal.get();
      }
    }
  }

  /**
   * The depth of the open directory, from its real path, which must lead to that same directory;
   * -1 (no climbing allowed) when it does not, or lies outside the root.
   */
  private static int depthOf(Gate gate, SecureDirectoryStream<Path> handle, Path parent)
      throws IOException {
    Object handleKey =
        handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    Path real = parent.toRealPath();
    Object pathKey =
        gate.delegateProvider().readAttributes(real, BasicFileAttributes.class).fileKey();
    if (handleKey != null && !handleKey.equals(pathKey)) {
      return -1;
    }
    try {
      return LinkPolicy.depth(gate, real);
    } catch (FileSystemException outside) {
      return -1;
    }
  }

  private static boolean exists(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    try {
      dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
      return true;
    } catch (NoSuchFileException absent) {
      return false;
    }
  }

  private static void placeByPath(
      Gate gate, TmpPath link, Path parent, int climbs, IoFunction<Path, ?> creation,
      Supplier<FileSystemException> refusal) throws IOException {
    if (climbs > LinkPolicy.depth(gate, parent)) {
      throw refusal.get();
    }
    Path file = gate.mapByPath(link);
    creation.apply(file);
    if (climbs > LinkPolicy.depth(gate, parent)) {
      gate.delegateProvider().deleteIfExists(file);
      throw refusal.get();
    }
  }
}
