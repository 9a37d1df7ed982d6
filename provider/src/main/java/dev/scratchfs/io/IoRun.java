package dev.scratchfs.io;

import java.io.IOException;

/** An I/O step that returns nothing: a close action, a deletion, one step of a cleanup. */
@FunctionalInterface
public interface IoRun {
  /** The step that does nothing. */
  IoRun NONE = () -> {};

  /**
   * Runs the step.
   *
   * @throws IOException as the step throws
   */
  void run() throws IOException;
}
