package dev.scratchfs;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.scratchfs.tempfile.ChannelInputView;
import dev.scratchfs.tempfile.ChannelOutputView;
import dev.scratchfs.tempfile.CopyIntoPlace;
import dev.scratchfs.tempfile.CreatedFile;
import dev.scratchfs.tempfile.NoReplaceRename;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An open, readable and writable temporary file, made by {@link TempFiles#mkstemp}, {@link
 * TempFiles#namedTemporaryFile} or {@link TempFiles#temporaryFile}.
 *
 * <p>It is itself the channel: reads and writes go to the file at the current position, exactly as
 * through the {@link SeekableByteChannel} it was created with. What {@link #close()} does depends on
 * how it was made:
 *
 * <ul>
 *   <li>{@code mkstemp} and {@code namedTemporaryFile(…, false)}: close the channel; the file stays,
 *       and the caller deletes it.
 *   <li>{@code namedTemporaryFile}: close the channel, then delete the file's name.
 *   <li>{@code temporaryFile}: the name was removed right after creation, so closing the channel is
 *       the last reference and the storage goes away. Where the file system refused to remove the name
 *       of an open file, the name was kept and is removed on close instead; {@link #isNamed()} tells
 *       which happened.
 *   <li>After {@link #persist}: close the channel; the file stays under its final name.
 * </ul>
 *
 * <p>Thread-safety is that of the underlying channel ({@link FileChannel} is safe for concurrent use);
 * {@link #close()} may be called from any thread and any number of times.
 */
public final class TempFile implements SeekableByteChannel {
  /** What the file's name does over the file's life. */
  private enum Naming {
    /** The name stays after close. */
    KEPT,
    /** The name is visible until close, which removes it. */
    REMOVED_ON_CLOSE,
    /** The name was removed right after creation. */
    REMOVED
  }

  // persist() replaces these three (under this object's lock); volatile so that the unsynchronized
  // channel operations see the result.
  private volatile Path path;
  private volatile SeekableByteChannel channel;
  private volatile Naming naming;
  private boolean closed;

  private TempFile(CreatedFile created, Naming naming) {
    this.path = created.path();
    this.channel = created.channel();
    this.naming = checkNotNull(naming);
  }

  static TempFile kept(CreatedFile created) {
    return new TempFile(created, Naming.KEPT);
  }

  static TempFile removedOnClose(CreatedFile created) {
    return new TempFile(created, Naming.REMOVED_ON_CLOSE);
  }

  static TempFile unnamed(CreatedFile created) {
    return new TempFile(created, Naming.REMOVED);
  }

  /**
   * Returns the file's name. As with Python's {@code TemporaryFile}, a file whose name was removed at
   * creation has none.
   *
   * @return the absolute path the file can be opened under (until it is deleted)
   * @throws IllegalStateException if {@link #isNamed()} is false
   */
  public Path path() {
    checkState(
        naming != Naming.REMOVED,
        "a temporaryFile has no name: %s was removed right after creation",
        path);
    return path;
  }

  /**
   * Tells whether the file has a name in its directory (until close, if it {@linkplain
   * #deletesOnClose() deletes on close}).
   *
   * @return false only for a {@code temporaryFile} whose name could be removed while it was open
   */
  public boolean isNamed() {
    return naming != Naming.REMOVED;
  }

  /**
   * Tells whether {@link #close()} removes the file's name.
   *
   * @return true for {@code namedTemporaryFile(…, true)} and for a {@code temporaryFile} whose name
   *     could not be removed while it was open
   */
  public boolean deletesOnClose() {
    return naming == Naming.REMOVED_ON_CLOSE;
  }

  /**
   * Returns the underlying channel as a {@link FileChannel} for locking, forcing, mapping or
   * transfers, when the file system provided one. Do not close it directly: closing this object is
   * what removes the file. A {@link #persist} that had to copy the file replaces the channel: ask
   * again after it.
   *
   * @return the file channel, or empty if the provider only offers a plain {@link
   *     SeekableByteChannel}
   */
  public Optional<FileChannel> fileChannel() {
    return channel instanceof FileChannel ? Optional.of((FileChannel) channel) : Optional.empty();
  }

  /**
   * Returns an unbuffered stream that reads at this file's position and advances it. Closing the
   * stream does not close the file.
   *
   * @return a new input stream over this file
   */
  public InputStream newInputStream() {
    return new ChannelInputView(this);
  }

  /**
   * Returns an unbuffered stream that writes at this file's position and advances it. Closing the
   * stream does not close the file.
   *
   * @return a new output stream over this file
   */
  public OutputStream newOutputStream() {
    return new ChannelOutputView(this);
  }

  /**
   * Gives this file its final name, {@code target}, never replacing an entry that already has that
   * name, and keeps it: afterwards {@link #path()} is {@code target} (made absolute), {@link
   * #deletesOnClose()} is false, {@link #isNamed()} is true, and the file stays open at the same
   * position, so further reads and writes go to the persisted file. The former temporary name is gone.
   *
   * <p>How, by case:
   *
   * <ul>
   *   <li><b>Same file store</b> (same provider, equal {@link java.nio.file.FileStore}s of the file
   *       and the target's directory) and the file has a name: the contents are forced to storage
   *       (where the channel is a {@link FileChannel}), then {@link Files#createLink target is
   *       hard-linked} to the file and the temporary name deleted. The link fails if the target
   *       exists, in the same step ({@code link(2)}'s {@code EEXIST}), so even a target created
   *       concurrently is never replaced; this is what Rust's {@code persist_noclobber} does. {@code
   *       Files.move(…, ATOMIC_MOVE)} would not do: on Linux it is {@code rename(2)}, which replaces.
   *   <li><b>Same file store, but no hard links</b> (the provider throws {@link
   *       UnsupportedOperationException}, or the file system refuses the link with a plain {@link
   *       java.nio.file.FileSystemException}): a {@link Files#move} without {@code REPLACE_EXISTING}.
   *       It checks that the target is absent and then renames, so a target created by someone else
   *       in between those two steps can be replaced: the one case without the guarantee.
   *   <li><b>Another file store or provider</b> (e.g. from the default file system into jimfs or a
   *       {@code tmp:} file system, or across mounts), and <b>a {@link
   *       TempFiles#temporaryFile temporaryFile}</b>, which has no name to link: the contents are
   *       copied to a new file created exclusively, owner-only, under a random hidden name ({@code
   *       .tmpXXXXXX}) in the target's directory, forced to storage, and then given the target name
   *       as above (link, else move). This file replaces the temporary one: its channel is what this
   *       object reads and writes from then on, and the temporary file is closed and its name, if it
   *       had one, deleted.
   * </ul>
   *
   * <p>The persisted file keeps owner-only permissions ({@code rw-------} where the target's file
   * system has a {@code posix} view): a link or move keeps the file's own mode, a copy is created so.
   * The target's directory is not forced to storage, so after a crash the new name may be missing
   * even though the contents were written.
   *
   * <p>On failure nothing is changed: an existing target keeps its contents, this file keeps its name,
   * contents, position and way of closing, and a partial copy is removed. Calling it again after
   * success renames the persisted file once more, under the same rules. It must not run concurrently
   * with reads or writes of this file from other threads.
   *
   * @param target the final name; its directory must exist
   * @return the absolute target, now this file's {@link #path()}
   * @throws FileAlreadyExistsException if {@code target} exists (a dangling symbolic link counts)
   * @throws java.nio.channels.ClosedChannelException if this file is closed (also when its file
   *     system closed it)
   * @throws IllegalArgumentException if {@code target} is a root, which cannot name a file
   * @throws IOException if the target's directory is missing or not writable, or forcing, copying or
   *     renaming failed
   */
  public synchronized Path persist(Path target) throws IOException {
    checkNotNull(target, "target");
    if (closed || !channel.isOpen()) {
      throw new ClosedChannelException();
    }
    Path absolute = target.toAbsolutePath();
    checkArgument(absolute.getParent() != null, "a root cannot name a file: %s", target);
    if (naming != Naming.REMOVED && onSameFileStore(path, absolute.getParent())) {
      if (channel instanceof FileChannel) {
        ((FileChannel) channel).force(true);
      }
      NoReplaceRename.rename(path, absolute);
    } else {
      SeekableByteChannel copy = CopyIntoPlace.copy(channel, absolute);
      if (naming != Naming.REMOVED) {
        try {
          Files.delete(path);
        } catch (IOException | RuntimeException e) {
          undoCopy(copy, absolute, e);
          throw e;
        }
      }
      SeekableByteChannel old = channel;
      channel = copy;
      try {
        old.close();
      } catch (IOException ignored) {
        // Every byte was copied from it and forced: closing can only fail to release a handle on a
        // file whose name is gone, and persisting has succeeded.
      }
    }
    path = absolute;
    naming = Naming.KEPT;
    return absolute;
  }

  private static boolean onSameFileStore(Path file, Path dir) throws IOException {
    return file.getFileSystem().provider() == dir.getFileSystem().provider()
        && Files.getFileStore(file).equals(Files.getFileStore(dir));
  }

  private static void undoCopy(SeekableByteChannel copy, Path target, Exception cause) {
    try {
      copy.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return channel.write(src);
  }

  @Override
  public long position() throws IOException {
    return channel.position();
  }

  @Override
  public TempFile position(long newPosition) throws IOException {
    channel.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public TempFile truncate(long size) throws IOException {
    channel.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Closes the channel and, if this file {@linkplain #deletesOnClose() deletes on close}, removes its
   * name (a name the caller already removed is not an error, nor is a name whose file system has
   * been closed meanwhile: a {@code tmp:} file system removes everything in it when it closes). Only
   * the first call has an effect.
   *
   * @throws IOException if closing the channel or removing the name failed; both are attempted, and a
   *     second failure is attached to the first as suppressed
   */
  @Override
  public void close() throws IOException {
    SeekableByteChannel toClose;
    Path name;
    boolean removeName;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = channel;
      name = path;
      removeName = naming == Naming.REMOVED_ON_CLOSE;
    }
    IOException failure = null;
    try {
      toClose.close();
    } catch (IOException e) {
      failure = e;
    }
    if (removeName) {
      try {
        Files.deleteIfExists(name);
      } catch (ClosedFileSystemException fileSystemGone) {
        // Nothing can be removed through a closed file system; a scratch (tmp:) file system took the
        // name with it when it closed.
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Returns the name, or the former name for a file that has none, and how the file ends. */
  @Override
  public String toString() {
    return "TempFile[" + path + ", " + naming + "]";
  }
}
