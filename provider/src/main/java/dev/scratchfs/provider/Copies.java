package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Files.copy} into a scratch file system, from the same or another scratch file system, on
 * any delegate: the copy is made by the target file system's own creating calls, so it is born
 * with its final owner-only mode, counted by its quota as it is written, and a link is placed by
 * the {@link LinkPolicy}.
 *
 * <p>What a copy gets, as with the JDK's default provider: a file's bytes (a failed copy removes
 * the half-made target), a directory without its entries, a link as a link with {@code
 * NOFOLLOW_LINKS}; the source's mode (masked) where the delegate gives copies the source's mode,
 * or with {@code COPY_ATTRIBUTES}, which also copies the times. A copy onto itself does nothing.
 */
final class Copies {
  private static final int BUFFER = 64 * 1024;

  /** The copy options, read once. */
  record Flags(boolean replace, boolean copyAttributes, boolean follow) {
    static Flags of(boolean moving, CopyOption... options) {
      boolean replace = false;
      boolean copyAttributes = false;
      boolean follow = true;
      for (CopyOption option : options) {
        Objects.requireNonNull(option, "option");
        if (option == StandardCopyOption.REPLACE_EXISTING) {
          replace = true;
        } else if (option == StandardCopyOption.COPY_ATTRIBUTES) {
          copyAttributes = true;
        } else if (option == LinkOption.NOFOLLOW_LINKS) {
          follow = false;
        } else if (!(moving && option == StandardCopyOption.ATOMIC_MOVE)
            && !isInterruptible(option)) {
          throw new UnsupportedOperationException("Unsupported copy option: " + option);
        }
      }
      return new Flags(replace, copyAttributes, follow);
    }
  }

  private Copies() {}

  /**
   * The JDK's {@code com.sun.nio.file.ExtendedCopyOption.INTERRUPTIBLE}, which its default provider
   * takes: a copy here always is, as its bytes move through interruptible channels.
   */
  private static boolean isInterruptible(CopyOption option) {
    return option instanceof Enum
        && option.getClass().getName().equals("com.sun.nio.file.ExtendedCopyOption")
        && ((Enum<?>) option).name().equals("INTERRUPTIBLE");
  }

  /** {@code Files.copy(source, target, options)} with {@code source} of {@code from}. */
  static void copy(Gate from, TmpPath source, Path target, CopyOption... options)
      throws IOException {
    Flags flags = Flags.of(false, options);
    TmpPath t = Transfers.tmpTarget(target);
    Gate to = t.getFileSystem().rootGate();
    to.check(t);
    to.checkNotRoot(t, "replace");
    from.call(() -> {
      copyEntry(from, source, to, t, flags);
      return null;
    }, source, t);
  }

  /** Copies one entry; the caller translates what it throws. */
  static void copyEntry(Gate from, TmpPath source, Gate to, TmpPath target, Flags flags)
      throws IOException {
    Path ds = from.mapByPath(source);
    Path dt = to.mapByPath(target);
    BasicFileAttributes attrs =
        flags.follow()
            ? from.delegateProvider().readAttributes(ds, BasicFileAttributes.class)
            : from.delegateProvider().readAttributes(ds, BasicFileAttributes.class, NOFOLLOW_LINKS);
    if (!makeRoom(from, ds, to, target, dt, flags)) {
      return; // the target is the source itself
    }
    if (attrs.isSymbolicLink()) {
      LinkPolicy.copy(from, source, to, target);
      return;
    }
    FileAttribute<?>[] mode = mode(from, ds, to, flags);
    if (attrs.isDirectory()) {
      to.createDirectory(target, mode);
    } else if (attrs.isRegularFile()) {
      copyBytes(from, ds, to, target, mode, flags);
    } else {
      throw new IOException("cannot copy " + source + " into a tmp: file system: not a regular"
          + " file, directory or symbolic link");
    }
    if (flags.copyAttributes()) {
      to.getFileAttributeView(target, BasicFileAttributeView.class, NOFOLLOW_LINKS)
          .setTimes(attrs.lastModifiedTime(), attrs.lastAccessTime(), attrs.creationTime());
    }
  }

  /** Removes what the target replaces; false if the target is the source itself. */
  private static boolean makeRoom(
      Gate from, Path ds, Gate to, TmpPath target, Path dt, Flags flags) throws IOException {
    BasicFileAttributes existing;
    try {
      existing = to.delegateProvider().readAttributes(dt, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return true;
    }
    if (sameFile(from, ds, to, dt, existing)) {
      return false;
    }
    if (!flags.replace()) {
      throw new FileAlreadyExistsException(target.toString());
    }
    to.delete(target, true, null);
    return true;
  }

  private static boolean sameFile(Gate from, Path ds, Gate to, Path dt, BasicFileAttributes t) {
    if (from.delegateProvider() != to.delegateProvider()) {
      return false;
    }
    try {
      return from.delegateProvider().isSameFile(ds, dt);
    } catch (IOException e) {
      return false;
    }
  }

  /** The mode to create the copy with: the source's (masked later), where a copy gets it. */
  private static FileAttribute<?>[] mode(Gate from, Path ds, Gate to, Flags flags)
      throws IOException {
    if (!to.fileSystem().traits().ownerOnlyByMode()
        || !(flags.copyAttributes() || to.fileSystem().traits().copyKeepsSourceMode())
        || !from.fileSystem().traits().ownerOnlyByMode()) {
      return new FileAttribute<?>[0];
    }
    PosixFileAttributes posix =
        flags.follow()
            ? from.delegateProvider().readAttributes(ds, PosixFileAttributes.class)
            : from.delegateProvider().readAttributes(ds, PosixFileAttributes.class, NOFOLLOW_LINKS);
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(posix.permissions())};
  }

  private static void copyBytes(
      Gate from, Path ds, Gate to, TmpPath target, FileAttribute<?>[] mode, Flags flags)
      throws IOException {
    Set<OpenOption> read = flags.follow() ? Set.of(READ) : Set.of(READ, NOFOLLOW_LINKS);
    try (SeekableByteChannel in = from.delegateProvider().newByteChannel(ds, read)) {
      boolean done = false;
      try (SeekableByteChannel out = to.newByteChannel(target, Set.of(CREATE_NEW, WRITE), "copy", mode)) {
        transfer(in, out);
        done = true;
      } finally {
        if (!done) {
          to.delete(target, true, null); // as the JDK does: no half-made copy stays
        }
      }
    }
  }

  private static void transfer(SeekableByteChannel in, SeekableByteChannel out) throws IOException {
    if (in instanceof FileChannel && out instanceof FileChannel) {
      FileChannel source = (FileChannel) in;
      long size = source.size();
      long position = 0;
      while (position < size) {
        long moved = ((FileChannel) out).transferFrom(source, position, size - position);
        if (moved <= 0) {
          break; // the source shrank meanwhile
        }
        position += moved;
      }
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    while (in.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      buffer.clear();
    }
  }
}
