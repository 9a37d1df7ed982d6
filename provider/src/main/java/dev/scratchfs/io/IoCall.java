package dev.scratchfs.io;

import java.io.IOException;

/**
 * An I/O step that returns a value: a call into a delegate file system, an open, a size.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface IoCall<T> {
  /**
   * Runs the step.
   *
   * @return its result
   * @throws IOException as the step throws
   */
  T call() throws IOException;
}
