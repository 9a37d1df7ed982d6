package dev.scratchfs.provider;

import dev.scratchfs.LeakedHandlesException;
import dev.scratchfs.lifecycle.HandleTracker;
import dev.scratchfs.lifecycle.LeakMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What closing a file system says about the handles that were still open, as its {@code leaks}
 * option asks: nothing ({@code ignore}), one logged warning ({@code close}/{@code warn}), or a
 * {@link LeakedHandlesException} ({@code fail}) thrown after the tree was deleted.
 */
final class LeakReport {
  private LeakReport() {}

  /**
   * Returns the exception the close ends with.
   *
   * @param fileSystem the file system's name, for the message
   * @param mode the leak mode
   * @param stillOpen the handles that were open when the close began
   * @param failure the close's own failure, or null
   * @return the exception to throw, or null
   */
  static IOException of(
      String fileSystem, LeakMode mode, List<HandleTracker.Tracked> stillOpen, IOException failure) {
    if (stillOpen.isEmpty() || mode == LeakMode.IGNORE) {
      return failure;
    }
    List<String> lines = new ArrayList<>();
    for (HandleTracker.Tracked t : stillOpen) {
      lines.add(t.describe());
    }
    LeakedHandlesException report = new LeakedHandlesException(fileSystem, lines);
    for (HandleTracker.Tracked t : stillOpen) {
      if (t.site() != null) {
        report.addSuppressed(t.site());
      }
    }
    if (mode == LeakMode.CLOSE) {
      System.getLogger("dev.scratchfs")
          .log(System.Logger.Level.WARNING, "closed " + report.getMessage(), report);
      return failure;
    }
    if (failure != null) {
      report.addSuppressed(failure);
    }
    return report;
  }
}
