package dev.scratchfs.lifecycle;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.RandomNames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes the containers of scratch file systems whose JVM died without cleaning up ({@code kill
 * -9}, power loss, a crash), and nothing else.
 *
 * <p>An entry of the directory is removed only if all of these hold, checked without following a
 * link: it is a directory whose name contains six characters of {@code [a-z0-9_]}; it holds exactly
 * a regular file {@value OwnerLock#FILE_NAME} and a directory {@code root}; and the lock file can be
 * locked, which only happens when no process holds it. A lock held by this same JVM (the JDK
 * reports it as {@link OverlappingFileLockException}) counts as held. Anything else (another
 * program's files, a container being created or kept with {@code cleanup=false}, a link, a live
 * file system) is left alone. Deletion is {@link TreeDeleter}'s: it never follows a link.
 */
public final class Reaper {
  private static final Pattern NAME =
      Pattern.compile(".*[" + Pattern.quote(RandomNames.CHARACTERS) + "]{" + RandomNames.LENGTH + "}.*");
  private static final String ROOT = "root";

  private Reaper() {}

  /**
   * Removes the abandoned containers in {@code dir}.
   *
   * @param dir the directory scratch file systems were created in
   * @return the containers removed
   * @throws IOException if {@code dir} cannot be listed, or a container found abandoned could not be
   *     deleted entirely (the message names it; the others are still handled)
   */
  public static List<Path> reap(Path dir) throws IOException {
    List<Path> removed = new ArrayList<>();
    IOException failure = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      List<String> names = new ArrayList<>();
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (NAME.matcher(name).matches()) {
          names.add(name);
        }
      }
      for (String name : names) {
        Path container = dir.resolve(name);
        try (Held held =
            entries instanceof SecureDirectoryStream
                ? lockSecure((SecureDirectoryStream<Path>) entries, dir, name)
                : lockByPath(container)) {
          if (held == null) {
            continue;
          }
          TreeDeleter.deleteTree(container);
          removed.add(container);
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

  /** The lock of an abandoned container, taken by the reaper while it deletes the container. */
  private static final class Held implements AutoCloseable {
    private final SeekableByteChannel channel;

    Held(SeekableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** Checks and locks through open directory handles, so a swapped link is never followed. */
  private static Held lockSecure(SecureDirectoryStream<Path> dirStream, Path dir, String name) {
    Path entry = dir.getFileSystem().getPath(name);
    try {
      if (!dirStream.getFileAttributeView(entry, BasicFileAttributeView.class, NOFOLLOW_LINKS)
          .readAttributes().isDirectory()) {
        return null;
      }
      try (SecureDirectoryStream<Path> container = dirStream.newDirectoryStream(entry, NOFOLLOW_LINKS)) {
        Map<String, BasicFileAttributes> layout = new HashMap<>();
        for (Path p : container) {
          Path child = p.getFileName();
          layout.put(
              child.toString(),
              container.getFileAttributeView(child, BasicFileAttributeView.class, NOFOLLOW_LINKS)
                  .readAttributes());
          if (layout.size() > 2) {
            return null;
          }
        }
        if (!isExpectedLayout(layout)) {
          return null;
        }
        SeekableByteChannel channel =
            container.newByteChannel(
                dir.getFileSystem().getPath(OwnerLock.FILE_NAME), Set.of(WRITE, NOFOLLOW_LINKS));
        return lockOrClose(channel);
      }
    } catch (IOException | RuntimeException notOurs) {
      // Unreadable, vanished, swapped or refused: not provably abandoned, so it stays.
      return null;
    }
  }

  /** The fallback where the file system has no secure directory streams: checked path by path. */
  private static Held lockByPath(Path container) {
    try {
      if (!Files.isDirectory(container, NOFOLLOW_LINKS)) {
        return null;
      }
      Map<String, BasicFileAttributes> layout = new HashMap<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(container)) {
        for (Path p : entries) {
          layout.put(
              p.getFileName().toString(),
              Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS));
          if (layout.size() > 2) {
            return null;
          }
        }
      }
      if (!isExpectedLayout(layout)) {
        return null;
      }
      return lockOrClose(
          FileChannel.open(container.resolve(OwnerLock.FILE_NAME), WRITE, NOFOLLOW_LINKS));
    } catch (IOException | RuntimeException notOurs) {
      return null;
    }
  }

  private static boolean isExpectedLayout(Map<String, BasicFileAttributes> layout) {
    BasicFileAttributes lock = layout.get(OwnerLock.FILE_NAME);
    BasicFileAttributes root = layout.get(ROOT);
    return layout.size() == 2 && lock != null && lock.isRegularFile()
        && root != null && root.isDirectory();
  }

  private static Held lockOrClose(SeekableByteChannel channel) throws IOException {
    FileLock lock = null;
    try {
      if (channel instanceof FileChannel) {
        lock = ((FileChannel) channel).tryLock();
      }
    } catch (OverlappingFileLockException heldByThisJvm) {
      lock = null;
    } finally {
      if (lock == null) {
        channel.close();
      }
    }
    return lock == null ? null : new Held(channel);
  }
}
