package dev.scratchfs;

import java.io.IOException;
import java.util.List;

/**
 * Thrown by {@code close()} of a scratch file system created with {@code leaks=fail} when handles
 * opened through it were still open. By then they are closed and the tree is deleted; the
 * exception only reports. Each leaked handle's opening stack is attached as a suppressed
 * exception.
 */
public final class LeakedHandlesException extends IOException {
  private static final long serialVersionUID = 1L;

  /** One line per leaked handle: kind, path, opening site. */
  private final List<String> handles;

  /**
   * Creates the report.
   *
   * @param fileSystem the file system closed, for the message
   * @param handles one line per leaked handle: kind, path and where it was opened
   */
  public LeakedHandlesException(String fileSystem, List<String> handles) {
    super(
        handles.size() + " handle(s) of " + fileSystem + " were left open:\n  "
            + String.join("\n  ", handles));
    this.handles = List.copyOf(handles);
  }

  /**
   * Returns the leaked handles, one line each: kind, path and where it was opened.
   *
   * @return the lines, in no particular order
   */
  public List<String> handles() {
    return handles;
  }
}
