package dev.scratchfs;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.scratchfs.tempfile.ChannelInputView;
import dev.scratchfs.tempfile.ChannelOutputView;
import dev.scratchfs.tempfile.CreatedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedFileSystemException;
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

  private final Path path;
  private final SeekableByteChannel channel;
  private final Naming naming;
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
   * what removes the file.
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
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    IOException failure = null;
    try {
      channel.close();
    } catch (IOException e) {
      failure = e;
    }
    if (naming == Naming.REMOVED_ON_CLOSE) {
      try {
        Files.deleteIfExists(path);
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
