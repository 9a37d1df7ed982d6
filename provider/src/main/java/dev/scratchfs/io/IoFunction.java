package dev.scratchfs.io;

import java.io.IOException;

/**
 * An I/O step applied to one argument: an attempt to create at a candidate path, a translation.
 *
 * @param <A> its argument
 * @param <T> what it returns
 */
@FunctionalInterface
public interface IoFunction<A, T> {
  /**
   * Applies the step.
   *
   * @param argument the argument
   * @return its result
   * @throws IOException as the step throws
   */
  T apply(A argument) throws IOException;
}
