package dev.scratchfs.handle;

import java.io.IOException;

/** What a wrapped handle does after its delegate closed (delete the file, stop tracking). */
@FunctionalInterface
public interface CloseAction {
  /** Does nothing: for channels whose only extra behaviour is elsewhere. */
  CloseAction NONE = () -> {};

  /**
   * Runs once, after the delegate handle closed.
   *
   * @throws IOException if the action failed
   */
  void afterClose() throws IOException;
}
