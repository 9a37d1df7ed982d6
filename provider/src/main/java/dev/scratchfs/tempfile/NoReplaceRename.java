package dev.scratchfs.tempfile;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Gives a file a new name on the same file store without ever replacing an entry that already has
 * that name, then removes the old name.
 *
 * <p>{@link Files#move} cannot do this atomically: with {@code ATOMIC_MOVE} the default provider calls
 * {@code rename(2)}, which silently replaces the target; without it, the provider checks that the
 * target is absent and then renames, and a target created in between is replaced. A hard link, in
 * contrast, is created by {@code link(2)}, which fails with {@code EEXIST} if the name exists, in the
 * same step: so the new name is made with {@link Files#createLink} and the old one deleted afterwards
 * (Rust's {@code tempfile} {@code persist_noclobber} does the same).
 *
 * <p>Where the provider has no hard links ({@link UnsupportedOperationException}), or the file system
 * refuses them with an error NIO reports only as a plain {@link FileSystemException} (e.g. {@code
 * EPERM} on file systems without links, {@code EMLINK}), a {@link Files#move} without {@code
 * REPLACE_EXISTING} is used instead. That move checks for an existing target first, so it can lose a
 * race against a target created between its check and its rename.
 */
public final class NoReplaceRename {
  /** How the new name was made. */
  public enum Method {
    /** A hard link, then the old name removed: an existing target was never at risk. */
    LINKED,
    /** A move without {@code REPLACE_EXISTING}: existence checked first, then renamed. */
    MOVED
  }

  private NoReplaceRename() {}

  /**
   * Renames {@code source} to {@code target} unless {@code target} exists.
   *
   * <p>If the link was made but the old name cannot be removed, the link is removed again, so a
   * failure leaves both names as they were (unless even that fails; it is then attached as
   * suppressed).
   *
   * @param source the existing file
   * @param target its new name, on the same file store
   * @return how the rename was done
   * @throws FileAlreadyExistsException if {@code target} exists (also as a dangling symbolic link);
   *     nothing was changed
   * @throws IOException as the provider reports any other failure; nothing was changed
   */
  public static Method rename(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException noHardLinks) {
      moveWithoutReplacing(source, target);
      return Method.MOVED;
    } catch (FileSystemException e) {
      if (e.getClass() != FileSystemException.class) {
        throw e; // FileAlreadyExistsException, NoSuchFileException, AccessDeniedException, …
      }
      try {
        moveWithoutReplacing(source, target);
      } catch (IOException moveFailed) {
        moveFailed.addSuppressed(e);
        throw moveFailed;
      }
      return Method.MOVED;
    }
    try {
      Files.delete(source);
    } catch (IOException e) {
      try {
        Files.delete(target);
      } catch (IOException undoFailed) {
        e.addSuppressed(undoFailed);
      }
      throw e;
    }
    return Method.LINKED;
  }

  private static void moveWithoutReplacing(Path source, Path target) throws IOException {
    // Files.move treats a target that is the source itself as done; a link would fail there, and so
    // does this, so that both ways agree.
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Files.move(source, target);
  }
}
