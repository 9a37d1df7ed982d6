package dev.scratchfs.quota;

import java.io.IOException;

/**
 * A file operation run under quota bookkeeping.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface IoSupplier<T> {
  /**
   * Runs the operation.
   *
   * @return its result
   * @throws IOException as the operation throws
   */
  T get() throws IOException;
}
