package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.spi.FileSystemProvider;
import java.util.Set;

/**
 * How a {@link Gate} reaches the delegate from where it starts: by absolute delegate paths through
 * the delegate's provider ({@link #of(FileSystemProvider)}), or relative to an open directory
 * through the delegate's {@link SecureDirectoryStream} ({@link #of(SecureDirectoryStream)}).
 * These are the operations a secure directory stream offers; everything else a gate does by path.
 */
interface DelegateAccess {
  SeekableByteChannel newByteChannel(Path path, Set<OpenOption> options, FileAttribute<?>... attrs)
      throws IOException;

  /** Returns the delegate's stream of the directory, secure wherever the delegate offers it. */
  DirectoryStream<Path> newDirectoryStream(Path dir, LinkOption... options) throws IOException;

  void deleteFile(Path path) throws IOException;

  void deleteDirectory(Path path) throws IOException;

  /** Deletes an entry of either kind; false if {@code ifExists} and there was none. */
  default boolean deleteAny(Path path, boolean ifExists) throws IOException {
    throw new UnsupportedOperationException("by path only");
  }

  /** Deletes a directory, or a file that is not one (what a secure stream offers). */
  default boolean deleteEntry(Path path, boolean directory) throws IOException {
    if (directory) {
      deleteDirectory(path);
    } else {
      deleteFile(path);
    }
    return true;
  }

  /** Moves {@code source} to {@code target} as reached by {@code targetAccess}. */
  void move(Path source, DelegateAccess targetAccess, Path target) throws IOException;

  <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options);

  /** Reads an entry's basic attributes without following a link at the end. */
  default BasicFileAttributes readAttributesNoFollow(Path path) throws IOException {
    return getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW_LINKS)
        .readAttributes();
  }

  /**
   * Reads an entry's attributes for the policy, without following a link; null if they cannot be
   * read, so that the operation itself then fails with the delegate's own exception.
   */
  default BasicFileAttributes readAttributesOrNull(Path path) {
    try {
      return readAttributesNoFollow(path);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** Returns the open directory this access is relative to, or null for access by path. */
  default SecureDirectoryStream<Path> directory() {
    return null;
  }

  /**
   * Resolves the links of a delegate path, for the mapping's real root (learned when first needed,
   * see {@link dev.scratchfs.path.PathMapping}); null where that cannot be told now.
   */
  static Path realPathOrNull(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | RuntimeException unresolvable) {
      return null;
    }
  }

  /** The permission set among creation attributes, or null if there is none. */
  @SuppressWarnings("unchecked")
  private static Set<PosixFilePermission> requestedMode(FileAttribute<?>[] attrs) {
    for (FileAttribute<?> a : attrs) {
      if (a.name().equals("posix:permissions") || a.name().equals("unix:permissions")) {
        return (Set<PosixFilePermission>) a.value();
      }
    }
    return null;
  }

  /** Access by absolute delegate paths through the delegate's provider. */
  static DelegateAccess of(FileSystemProvider provider) {
    return new DelegateAccess() {
      @Override
      public SeekableByteChannel newByteChannel(
          Path path, Set<OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        return provider.newByteChannel(path, options, attrs);
      }

      @Override
      public DirectoryStream<Path> newDirectoryStream(Path dir, LinkOption... options)
          throws IOException {
        return provider.newDirectoryStream(dir, entry -> true);
      }

      @Override
      public boolean deleteAny(Path path, boolean ifExists) throws IOException {
        if (ifExists) {
          return provider.deleteIfExists(path);
        }
        provider.delete(path);
        return true;
      }

      @Override
      public void deleteFile(Path path) throws IOException {
        provider.delete(path);
      }

      @Override
      public void deleteDirectory(Path path) throws IOException {
        provider.delete(path);
      }

      @Override
      public void move(Path source, DelegateAccess targetAccess, Path target) throws IOException {
        provider.move(source, target);
      }

      @Override
      public <V extends FileAttributeView> V getFileAttributeView(
          Path path, Class<V> type, LinkOption... options) {
        return provider.getFileAttributeView(path, type, options);
      }

      @Override
      public BasicFileAttributes readAttributesNoFollow(Path path) throws IOException {
        return provider.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS);
      }
    };
  }

  /**
   * Access relative to an open directory.
   *
   * @param stream the delegate's secure stream of the directory
   * @param keepsCreationAttributes false where the stream drops the attributes a file is created
   *     with (jimfs): the requested mode is then set through the stream right after creation
   */
  static DelegateAccess of(SecureDirectoryStream<Path> stream, boolean keepsCreationAttributes) {
    return new DelegateAccess() {
      @Override
      public SeekableByteChannel newByteChannel(
          Path path, Set<OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        if (keepsCreationAttributes || !ChannelOpening.creating(options)) {
          return stream.newByteChannel(path, options, attrs);
        }
        boolean existed = exists(path);
        SeekableByteChannel channel = stream.newByteChannel(path, options, attrs);
        Set<PosixFilePermission> mode = requestedMode(attrs);
        if (!existed && mode != null) {
          try {
            stream.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW_LINKS)
                .setPermissions(mode);
          } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
          }
        }
        return channel;
      }

      private boolean exists(Path path) throws IOException {
        try {
          readAttributesNoFollow(path);
          return true;
        } catch (NoSuchFileException e) {
          return false;
        }
      }

      @Override
      public SecureDirectoryStream<Path> newDirectoryStream(Path dir, LinkOption... options)
          throws IOException {
        return stream.newDirectoryStream(dir, options);
      }

      @Override
      public void deleteFile(Path path) throws IOException {
        stream.deleteFile(path);
      }

      @Override
      public void deleteDirectory(Path path) throws IOException {
        stream.deleteDirectory(path);
      }

      @Override
      public void move(Path source, DelegateAccess targetAccess, Path target) throws IOException {
        stream.move(source, targetAccess.directory(), target);
      }

      @Override
      public <V extends FileAttributeView> V getFileAttributeView(
          Path path, Class<V> type, LinkOption... options) {
        return stream.getFileAttributeView(path, type, options);
      }

      @Override
      public SecureDirectoryStream<Path> directory() {
        return stream;
      }
    };
  }
}
