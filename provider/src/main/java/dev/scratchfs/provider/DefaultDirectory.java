package dev.scratchfs.provider;

import dev.scratchfs.TempFiles;
import java.nio.file.Path;

/**
 * Where scratch file systems are made when no {@code dir} option is given: the same directory as
 * {@link TempFiles#gettempdir()}, so that one setting ({@code TMPDIR} or {@code settempdir}) moves
 * all of the library's temporary storage.
 */
final class DefaultDirectory {
  private DefaultDirectory() {}

  static Path get() {
    return TempFiles.gettempdir();
  }
}
