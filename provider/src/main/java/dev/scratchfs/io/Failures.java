package dev.scratchfs.io;

import java.io.IOException;

/**
 * Collects the failures of a sequence of steps that must all be attempted (closing handles,
 * deleting a tree, releasing a lock): the first failure is the one thrown, every later one is
 * attached to it as suppressed, so nothing is swallowed and the root cause stays on top.
 *
 * <p>Not thread-safe: one instance belongs to one sequence of steps.
 */
public final class Failures {
  private IOException first;

  /** Starts with no failure. */
  public Failures() {}

  /**
   * Starts with an earlier failure, which stays the first.
   *
   * @param earlier a failure of an earlier step, or null
   */
  public Failures(IOException earlier) {
    this.first = earlier;
  }

  /**
   * Runs a step and records its failure.
   *
   * @param step the step
   * @return true if it succeeded
   */
  public boolean attempt(IoRun step) {
    try {
      step.run();
      return true;
    } catch (IOException e) {
      add(e);
      return false;
    }
  }

  /**
   * Records a failure.
   *
   * @param failure the failure, or null for none
   */
  public void add(IOException failure) {
    if (failure == null || failure == first) {
      return;
    }
    if (first == null) {
      first = failure;
    } else {
      first.addSuppressed(failure);
    }
  }

  /**
   * Returns the first failure, with the later ones suppressed in it.
   *
   * @return the failure, or null if every step succeeded
   */
  public IOException first() {
    return first;
  }

  /**
   * Throws the first failure, if any.
   *
   * @throws IOException the first failure, with the later ones suppressed in it
   */
  public void throwIfAny() throws IOException {
    if (first != null) {
      throw first;
    }
  }
}
