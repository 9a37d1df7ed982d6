package dev.scratchfs.junit;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The jimfs file system under an in-memory scratch directory. jimfs is an optional dependency: it
 * is looked up by name first, so that a suite without it gets a message saying what to add instead
 * of a {@link NoClassDefFoundError}. Only {@link Jimfs} itself is touched in {@link Backing}, which
 * is not loaded unless the lookup succeeded.
 */
final class InMemoryDelegate {
  static final String JIMFS_CLASS = "com.google.common.jimfs.Jimfs";

  private InMemoryDelegate() {}

  /** Opens a new unix-like jimfs file system with the {@code posix} view. */
  static FileSystem open() {
    checkAvailable(InMemoryDelegate.class.getClassLoader());
    try {
      return Backing.newFileSystem();
    } catch (LinkageError e) {
      throw missing(e);
    }
  }

  /** The directory of the jimfs file system that scratch roots are made in. */
  static Path directory(FileSystem memory) throws IOException {
    return Files.createDirectories(memory.getPath("/tmp"));
  }

  /**
   * Throws the configuration error that names what to add if jimfs cannot be loaded through {@code
   * loader}.
   */
  static void checkAvailable(ClassLoader loader) {
    try {
      Class.forName(JIMFS_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw missing(e);
    }
  }

  private static ExtensionConfigurationException missing(Throwable cause) {
    return new ExtensionConfigurationException(
        "@ScratchDir(inMemory = true) needs jimfs: add com.google.jimfs:jimfs as a test dependency"
            + " (on the module path also --add-modules com.google.common.jimfs), or drop inMemory",
        cause);
  }

  private static final class Backing {
    static FileSystem newFileSystem() {
      return Jimfs.newFileSystem(
          Configuration.unix().toBuilder()
              .setAttributeViews("basic", "owner", "posix", "unix")
              .build());
    }
  }
}
