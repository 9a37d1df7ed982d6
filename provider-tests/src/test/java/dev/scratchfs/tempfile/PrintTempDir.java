package dev.scratchfs.tempfile;

import dev.scratchfs.TempFiles;
import java.io.UncheckedIOException;

/**
 * Run in a child JVM by {@link GetTempDirTest}: prints {@code TempFiles.gettempdir()} as the child's
 * environment makes it, or the failure and exit status 3.
 */
public final class PrintTempDir {
  private PrintTempDir() {}

  /**
   * Prints the default temporary directory.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      System.out.println(TempFiles.gettempdir());
    } catch (UncheckedIOException e) {
      System.out.println("FAILED " + e.getCause());
      System.exit(3);
    }
  }
}
