package dev.scratchfs.lifecycle;

import dev.scratchfs.io.Failures;
import dev.scratchfs.io.HiddenPaths;
import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.ExclusiveCreator;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one entry a scratch file system adds to its directory: a container named {@code prefix +
 * six random characters + suffix}, holding {@value #ROOT_NAME}/ (the tree shown as {@code /}) and,
 * over the default file system, the {@link OwnerLock} that tells a reaper in another process that
 * the owner is alive.
 *
 * <p>Creation and deletion are ordered so that a process stopping at any instant (exit, halt,
 * {@code kill -9}) leaves either nothing or a shape that {@link Reaper} removes once the process is
 * gone, and so that a reaper never takes a live or half-built container for abandoned:
 *
 * <ul>
 *   <li>creation builds the container under a name that names this process ({@link
 *       ContainerName}): the empty directory, then the lock file, locked, then {@code root/}; only
 *       then is it renamed, exclusively, to its final name. So a final name always holds a locked
 *       lock file and {@code root/} while its process lives;
 *   <li>deletion is a {@link Disposal}: renamed to a tombstone naming this process, {@code root/}
 *       (and {@value #STAGING_NAME}/, if the file system made one) deleted while the lock is held,
 *       the lock file deleted while still held, the lock released, the empty tombstone removed;
 *   <li>a tree kept with {@code cleanup=false} loses its lock file while the lock is still held,
 *       so it is never reaped.
 * </ul>
 *
 * <p>The directory is checked first ({@link TrustedDirectory}): no other user may be able to
 * rename the container and put their own in its place. Exceptions of {@link #delete} name the
 * tree as its file system shows it ({@code tmp://name/path}), never where it is on disk.
 */
public final class Container {
  /** Name of the directory inside the container that is shown as {@code /}. */
  public static final String ROOT_NAME = "root";

  /**
   * Name of the file system's private directory beside {@code root/} where entries are made before
   * they are moved into place by handle (made on first use by the provider's link placement).
   */
  public static final String STAGING_NAME = "staging";

  private final Path path;
  private final Path root;
  private final OwnerLock lock;
  private final String shownAs;
  private volatile Path tombstone;

  private Container(Path path, OwnerLock lock, String shownAs) {
    this.path = path;
    this.root = path.resolve(ROOT_NAME);
    this.lock = lock;
    this.shownAs = shownAs;
  }

  /**
   * Creates a container in {@code dir}; on failure, removes whatever was made.
   *
   * @param dir an existing directory that no other user can write in (or sticky)
   * @param prefix the start of the container's name
   * @param suffix the end of the container's name
   * @param directoryAttributes the attributes to create the container and its root with
   * @param shownAs how the file system shows its root, such as {@code tmp://name/}: what
   *     exceptions of {@link #delete} name instead of the paths on disk
   * @return the container, its lock held
   * @throws NoSuchFileException if {@code dir} does not exist
   * @throws NotDirectoryException if {@code dir} is not a directory
   * @throws java.nio.file.FileSystemException if another user could replace what is made in {@code
   *     dir}; the message names the directory at fault and why
   * @throws IOException if the container cannot be created
   */
  public static Container create(
      Path dir, String prefix, String suffix, FileAttribute<?>[] directoryAttributes,
      String shownAs) throws IOException {
    String separator = dir.getFileSystem().getSeparator();
    ExclusiveCreator.checkNamePart("prefix", prefix, separator);
    ExclusiveCreator.checkNamePart("suffix", suffix, separator);
    Path parent = dir.toAbsolutePath();
    if (dir.getFileSystem() != FileSystems.getDefault()) {
      return createUnlocked(dir, parent, prefix, suffix, directoryAttributes, shownAs);
    }
    Path building;
    try {
      TrustedDirectory.check(parent);
      building = ExclusiveCreator.secure().create(
          parent, ContainerName.buildingPrefix(ProcessIdentity.current()), "",
          p -> Files.createDirectory(p, directoryAttributes));
    } catch (IOException e) {
      throw whatIsWrongWith(dir, e);
    }
    Path at = building;
    OwnerLock lock = null;
    try {
      lock = OwnerLock.create(building);
      Files.createDirectory(building.resolve(ROOT_NAME), directoryAttributes);
      at = ExclusiveCreator.secure().create(parent, prefix, suffix, p -> Files.move(building, p));
      return new Container(at, lock, shownAs);
    } catch (IOException | RuntimeException e) {
      Failures undo = new Failures();
      if (lock != null) {
        undo.attempt(new Disposal(at, lock)::run);
      } else {
        Path made = at;
        undo.attempt(() -> TreeDeleter.deleteTree(made));
      }
      if (undo.first() != null) {
        e.addSuppressed(undo.first());
      }
      throw e;
    }
  }

  /** Over a delegate no other process sees (jimfs): no lock, built in place, nothing to reap. */
  private static Container createUnlocked(
      Path dir, Path parent, String prefix, String suffix, FileAttribute<?>[] directoryAttributes,
      String shownAs) throws IOException {
    Path container;
    try {
      container = ExclusiveCreator.secure()
          .create(parent, prefix, suffix, p -> Files.createDirectory(p, directoryAttributes));
    } catch (IOException e) {
      throw whatIsWrongWith(dir, e);
    }
    try {
      Files.createDirectory(container.resolve(ROOT_NAME), directoryAttributes);
      return new Container(container, null, shownAs);
    } catch (IOException | RuntimeException e) {
      Failures undo = new Failures();
      undo.attempt(() -> TreeDeleter.deleteTree(container));
      if (undo.first() != null) {
        e.addSuppressed(undo.first());
      }
      throw e;
    }
  }

  /**
   * Says what is wrong with {@code dir} where the first step in it failed: that it does not exist
   * or is not a directory, as the caller named it, else the failure itself. Looked at only after a
   * failure, since the creating call itself finds out, at no cost when it succeeds.
   */
  private static IOException whatIsWrongWith(Path dir, IOException failure) {
    if (Files.isDirectory(dir)) {
      return failure;
    }
    IOException named = Files.exists(dir)
        ? new NotDirectoryException(dir.toString())
        : new NoSuchFileException(dir.toString(), null, "tmp: option 'dir' does not exist");
    named.addSuppressed(failure);
    return named;
  }

  /**
   * Returns the container directory: the one entry added to its directory.
   *
   * @return the absolute container path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the directory shown as {@code /}.
   *
   * @return the absolute root path
   */
  public Path root() {
    return root;
  }

  /**
   * Deletes the container (or keeps the tree) and releases the lock, attempting every step.
   *
   * @param deleteTree whether to delete the tree; false keeps it on disk for debugging
   * @throws IOException the first failure, later ones suppressed; the messages name what was left
   *     as the file system shows it, never the container's path
   */
  public void delete(boolean deleteTree) throws IOException {
    try {
      if (lock == null) {
        if (deleteTree) {
          TreeDeleter.deleteTree(path);
        }
      } else if (deleteTree) {
        Disposal disposal = new Disposal(path, lock);
        try {
          disposal.run();
        } finally {
          tombstone = disposal.location();
        }
      } else {
        Failures failures = new Failures();
        failures.attempt(() -> lock.deleteFile(path));
        failures.attempt(lock::release);
        failures.throwIfAny();
      }
    } catch (IOException e) {
      throw HiddenPaths.rewrite(e, hider());
    }
  }

  /**
   * Returns what replaces every on-disk form of this container's paths by what the file system
   * shows: under its final name and its tombstone, each as reached from {@code dir} as given and
   * with links resolved (where {@code dir} is reached through a link, as {@code /tmp} is on some
   * systems). The real path is looked up only here, when an exception is rewritten.
   */
  private UnaryOperator<String> hider() {
    Path[] names = {tombstone, path};
    Path realDir = realPathOrNull(path.getParent());
    List<String> forms = new ArrayList<>(4);
    if (realDir != null && !realDir.equals(path.getParent())) {
      // First: the given form can be the end of the real one (/tmp/x in /private/tmp/x).
      for (Path container : names) {
        if (container != null) {
          forms.add(realDir.resolve(container.getFileName()).toString());
        }
      }
    }
    for (Path container : names) {
      if (container != null) {
        forms.add(container.toString());
      }
    }
    String separator = path.getFileSystem().getSeparator();
    return text -> {
      String shown = text;
      for (String c : forms) {
        shown = shown.replace(c + separator + ROOT_NAME + separator, shownAs)
            .replace(c + separator + ROOT_NAME, shownAs)
            .replace(c, "(the container of " + shownAs + ")");
      }
      return shown;
    };
  }

  private static Path realPathOrNull(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
