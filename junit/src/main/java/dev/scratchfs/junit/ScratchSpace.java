package dev.scratchfs.junit;

import dev.scratchfs.TempDirectory;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One scratch file system opened for a test element, and what removing it takes: closing it, and
 * for a tree that may be kept, deleting the directory it was made in unless the test failed.
 *
 * <p>A tree that may be kept is created with {@code cleanup=false} inside a private directory made
 * by {@link TempFiles#temporaryDirectory}; on success that directory is removed with {@link
 * TempDirectory#close()}, the same deleter the file system's own cleanup uses (relative to open
 * directory handles, never following links, read-only subdirectories made writable again), so a
 * passing test loses nothing of those guarantees by having asked to keep on failure.
 */
final class ScratchSpace {
  private static final String KEEPER_PREFIX = "scratchfs-junit-";

  private final FileSystem fileSystem;
  private final FileSystem memory;
  private final TempDirectory keeper;
  private final Path onDisk;

  private ScratchSpace(FileSystem fileSystem, FileSystem memory, TempDirectory keeper) {
    this.fileSystem = fileSystem;
    this.memory = memory;
    this.keeper = keeper;
    this.onDisk = TmpFileSystems.unwrap(fileSystem.getPath("/"));
  }

  /** Creates the scratch file system the settings describe. */
  static ScratchSpace open(ScratchSettings settings) throws IOException {
    TmpFileSystems.Builder builder = TmpFileSystems.builder().leaks(settings.leaks());
    if (settings.inMemory()) {
      FileSystem memory = InMemoryDelegate.open();
      try {
        return new ScratchSpace(builder.dir(InMemoryDelegate.directory(memory)).build(), memory, null);
      } catch (IOException | RuntimeException e) {
        closeQuietly(memory, e);
        throw e;
      }
    }
    if (settings.dir() != null) {
      builder.dir(settings.dir());
    }
    if (!settings.keepOnFailure()) {
      return new ScratchSpace(builder.build(), null, null);
    }
    TempDirectory keeper = TempFiles.temporaryDirectory("", KEEPER_PREFIX, settings.dir());
    try {
      return new ScratchSpace(builder.dir(keeper.path()).cleanup(false).build(), null, keeper);
    } catch (IOException | RuntimeException e) {
      closeQuietly(keeper, e);
      throw e;
    }
  }

  FileSystem fileSystem() {
    return fileSystem;
  }

  /** The root directory {@code /}. */
  Path root() {
    return fileSystem.getPath("/");
  }

  /**
   * Closes the file system: every handle still open is closed and, unless the tree may be kept, the
   * tree is deleted.
   *
   * @throws dev.scratchfs.LeakedHandlesException if handles were left open and leaks fail
   */
  void closeFileSystem() throws IOException {
    fileSystem.close();
  }

  /**
   * After {@link #closeFileSystem()}: keeps the tree if it may be kept and {@code failed}, else
   * makes sure it is gone.
   *
   * @return where the tree was kept: the on-disk directory that was {@code /}
   */
  Optional<Path> removeOrKeep(boolean failed) throws IOException {
    try {
      if (keeper != null) {
        if (failed) {
          return Optional.of(onDisk);
        }
        keeper.close();
      }
      return Optional.empty();
    } finally {
      if (memory != null) {
        memory.close();
      }
    }
  }

  private static void closeQuietly(java.io.Closeable closeable, Exception primary) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      primary.addSuppressed(e);
    }
  }
}
