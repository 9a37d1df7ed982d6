package dev.scratchfs.tempfile;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Writes the contents of an open file under a new name that may be on another file store or another
 * provider, without ever replacing an existing entry and without a partly written file ever being
 * visible under that name.
 *
 * <p>The contents go to a file created exclusively, owner-only, under a random hidden name ({@code
 * .tmpXXXXXX}) in the target's directory; it is forced to storage and then given the target name
 * with {@link NoReplaceRename}, which stays on one file store since both names share a directory.
 */
public final class CopyIntoPlace {
  /** The start of the short-lived name of the copy: hidden, and recognizably a temporary file. */
  static final String COPY_PREFIX = ".tmp";

  private static final int BUFFER_SIZE = 64 * 1024;

  private CopyIntoPlace() {}

  /**
   * Copies everything in {@code from} to a new file named {@code target} and returns that file open,
   * at the position {@code from} had. {@code from}'s position is restored whatever happens.
   *
   * @param from an open, readable channel; it must not be used concurrently
   * @param target the new name, absolute; its directory must exist
   * @return the new file, open for reading and writing; the caller closes it
   * @throws FileAlreadyExistsException if {@code target} exists; nothing was created
   * @throws IOException if reading, creating, writing, forcing or renaming failed; the partial copy
   *     is removed again
   */
  public static SeekableByteChannel copy(SeekableByteChannel from, Path target) throws IOException {
    Path dir = target.getParent();
    checkArgument(dir != null && target.isAbsolute(), "target must be absolute, not a root: %s",
        target);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      // Spares a useless copy; the rename below is what guarantees nothing is replaced.
      throw new FileAlreadyExistsException(target.toString());
    }
    CreatedFile copy =
        ExclusiveEntries.secure().createFile(new NameTemplate("", COPY_PREFIX, dir));
    try {
      long position = from.position();
      try {
        transfer(from, copy.channel());
      } finally {
        from.position(position);
      }
      if (copy.channel() instanceof FileChannel) {
        ((FileChannel) copy.channel()).force(true);
      }
      copy.channel().position(position);
      NoReplaceRename.rename(copy.path(), target);
      return copy.channel();
    } catch (IOException | RuntimeException e) {
      try {
        copy.channel().close();
      } catch (IOException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      try {
        Files.deleteIfExists(copy.path());
      } catch (IOException alsoLeft) {
        e.addSuppressed(alsoLeft);
      }
      throw e;
    }
  }

  private static void transfer(SeekableByteChannel from, SeekableByteChannel to) throws IOException {
    from.position(0);
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
    while (from.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        to.write(buffer);
      }
      buffer.clear();
    }
  }
}
