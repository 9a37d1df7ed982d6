package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.TreeDeleter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Removes the containers of scratch file systems whose process stopped without cleaning up
 * ({@code kill -9}, {@code Runtime.halt}, a crash, or an exit while a file system was being made
 * or deleted), and nothing else.
 *
 * <p>An entry of the directory is removed only if all of these hold, each checked through open
 * directory handles without following a link:
 *
 * <ul>
 *   <li>its name is a container's ({@link ContainerName}: final, building or tombstone);
 *   <li>it is a directory of the calling user that no other user can write in;
 *   <li>it is not one of this JVM's own containers ({@link OwnContainers}), whose lock files are
 *       never opened;
 *   <li>it holds one of the shapes that scratchfs leaves at a stop ({@link ContainerLayout}), and
 *       where it names its process, that process is provably gone ({@link ProcessIdentity});
 *   <li>where it holds a lock file, the lock is free: {@link OwnerLock#takeIfFree} takes it
 *       without ever blocking, and holds it while the container is deleted.
 * </ul>
 *
 * <p>The directory itself must be one that no other user can tamper with ({@link
 * TrustedDirectory}). Deletion is a {@link Disposal} (a rename to a tombstone first, so that a
 * reaper that stops half-way leaves a shape the next one removes), or, for an empty container, the
 * removal of an empty directory. Deletion is {@link TreeDeleter}'s: it never follows a link.
 * Nothing is reaped over other delegates (jimfs): no other process can see them, and they carry no
 * lock. Nothing is reaped where the file system offers no secure directory streams: nothing could
 * be checked without races.
 */
public final class Reaper {
  private Reaper() {}

  /**
   * Removes the abandoned containers in {@code dir}.
   *
   * @param dir the directory scratch file systems were created in
   * @return the containers removed (by the names they had)
   * @throws FileSystemException if another user could tamper with {@code dir}
   * @throws IOException if {@code dir} cannot be listed, or a container found abandoned could not
   *     be deleted entirely (the message names it; the others are still handled)
   */
  public static List<Path> reap(Path dir) throws IOException {
    if (dir.getFileSystem() != FileSystems.getDefault()) {
      Files.readAttributes(dir, "basic:isDirectory"); // still fails for a missing directory
      return List.of();
    }
    TrustedDirectory.check(dir);
    List<Path> removed = new ArrayList<>();
    IOException failure = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      if (!(entries instanceof SecureDirectoryStream)) {
        return List.of();
      }
      SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) entries;
      List<Path> names = new ArrayList<>();
      for (Path entry : entries) {
        names.add(entry.getFileName());
      }
      for (Path name : names) {
        ContainerName kind = ContainerName.of(name.toString());
        if (kind == null) {
          continue;
        }
        try {
          if (reapOne(secure, name, kind, dir.toAbsolutePath().resolve(name))) {
            removed.add(dir.resolve(name));
          }
        } catch (IOException e) {
          if (failure == null) {
            failure = new IOException("could not reap every abandoned container in " + dir);
          }
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      failure.addSuppressed(new IOException("removed meanwhile: " + removed));
      throw failure;
    }
    return removed;
  }

  /** Removes one entry if it is provably abandoned; true if it was removed. */
  private static boolean reapOne(
      SecureDirectoryStream<Path> dir, Path name, ContainerName kind, Path path)
      throws IOException {
    PosixFileAttributes attrs;
    try {
      attrs = dir.getFileAttributeView(name, PosixFileAttributeView.class, NOFOLLOW_LINKS)
          .readAttributes();
      if (!attrs.isDirectory() || !isPrivateToCaller(attrs)) {
        return false;
      }
    } catch (IOException | RuntimeException vanishedOrUnreadable) {
      return false;
    }
    OwnerLock held = null;
    try (SecureDirectoryStream<Path> container = dir.newDirectoryStream(name, NOFOLLOW_LINKS)) {
      Object key = container.getFileAttributeView(BasicFileAttributeView.class)
          .readAttributes().fileKey();
      ContainerLayout layout = ContainerLayout.read(container);
      if (key == null || !Objects.equals(key, attrs.fileKey()) || layout == null
          || !layout.isAbandonedShape(kind)) {
        return false;
      }
      if (layout.lock() == null) {
        dir.deleteDirectory(name); // an empty directory whose process is gone; fails if not empty
        return true;
      }
      held = OwnerLock.takeIfFree(container, key, layout.lockName(), layout.lock());
    } catch (IOException | RuntimeException notProvablyAbandoned) {
      // Unreadable, vanished, swapped, refilled or refused: not provably abandoned, so it stays.
      if (held != null) {
        held.release();
      }
      return false;
    }
    if (held == null) {
      return false;
    }
    new Disposal(path, held).run();
    return true;
  }

  private static boolean isPrivateToCaller(PosixFileAttributes attrs) throws IOException {
    return attrs.owner().equals(CurrentUser.principal())
        && !attrs.permissions().contains(PosixFilePermission.GROUP_WRITE)
        && !attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE);
  }
}
