package dev.scratchfs.provider;

import java.nio.file.Path;

/** Where scratch file systems are made when no {@code dir} option is given. */
final class DefaultDirectory {
  private DefaultDirectory() {}

  static Path get() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
