package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.io.IoCall;
import dev.scratchfs.io.IoRun;
import dev.scratchfs.quota.Inode;
import dev.scratchfs.quota.InodeLedger;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The quota's side of the gate's operations on names: it reads what the quota needs to know about
 * an entry ({@link Inode}: which file it is, its size, whether it is a regular file) through a
 * gate's own {@link DelegateAccess} (by path for the file system's gate, relative to the open
 * directory for a secure directory stream's, so that the quota accounts for the file an operation
 * really touches), and tells the file system's {@link InodeLedger} when a hard link adds a name
 * or a deletion removes one. Without a quota it reads nothing.
 */
final class Inodes {
  private Inodes() {}

  /**
   * Returns the entry at {@code delegate} as reached by {@code gate}, or null if there is none or
   * it cannot be read: the operation itself then fails with the delegate's own exception, or
   * changes nothing the quota could see.
   *
   * @param gate the gate the operation goes through
   * @param path the caller's path (its delegate path stands in for a missing {@code fileKey})
   * @param delegate the path the gate maps it to
   * @param options {@code NOFOLLOW_LINKS} to read a link itself
   */
  static Inode of(Gate gate, TmpPath path, Path delegate, LinkOption... options) {
    BasicFileAttributes attrs;
    try {
      attrs = gate.access()
          .getFileAttributeView(delegate, BasicFileAttributeView.class, options)
          .readAttributes();
    } catch (IOException unreadable) {
      return null;
    }
    Object key = attrs.fileKey() != null ? attrs.fileKey() : gate.mapByPath(path).toString();
    return new Inode(key, attrs.size(), attrs.isRegularFile());
  }

  /**
   * Refuses a hard link to a file of another scratch file system, as {@code link(2)} refuses one
   * across mounts ({@code EXDEV}, a plain {@link FileSystemException}): one file with a name in two
   * private file systems would be shared by both, counted by neither quota or by both, and outlive
   * the close of the one that made it.
   *
   * @param fs the file system the link is made in
   * @param link the new name
   * @param existing the existing entry, as the caller gave it
   * @return {@code existing}, for the gate to check as any path
   * @throws FileSystemException naming both paths if {@code existing} is of another {@code tmp:}
   *     file system
   */
  static Path linkable(TmpFileSystem fs, TmpPath link, Path existing) throws FileSystemException {
    if (existing instanceof TmpPath && existing.getFileSystem() != fs) {
      throw new FileSystemException(link.toString(), existing.toString(),
          "cannot link across tmp: file systems; each is private");
    }
    return existing;
  }

  /**
   * Runs the creation of a hard link to {@code existing} and counts the new name.
   *
   * @param gate the gate of the file system
   * @param existing the caller's path of the existing entry
   * @param creation makes the link
   * @return null
   * @throws IOException as {@code creation} throws
   */
  static Void linking(Gate gate, TmpPath existing, IoRun creation) throws IOException {
    InodeLedger ledger = gate.fileSystem().ledger();
    Inode file =
        ledger == null ? null : of(gate, existing, gate.mapByPath(existing), NOFOLLOW_LINKS);
    creation.run();
    if (file != null) {
      ledger.nameAdded(file);
    }
    return null;
  }

  /**
   * Runs the deletion of {@code path} (at {@code delegate} as the gate reaches it) and gives back
   * what it frees.
   *
   * @param gate the gate the deletion goes through
   * @param path the caller's path
   * @param delegate where the gate reaches it
   * @param removal the deletion
   * @param <T> what it returns
   * @return what {@code removal} returned
   * @throws IOException as {@code removal} throws
   */
  static <T> T removing(Gate gate, TmpPath path, Path delegate, IoCall<T> removal)
      throws IOException {
    InodeLedger ledger = gate.fileSystem().ledger();
    return ledger == null
        ? removal.call()
        : ledger.removing(of(gate, path, delegate, NOFOLLOW_LINKS), removal);
  }
}
