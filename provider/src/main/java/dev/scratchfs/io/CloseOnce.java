package dev.scratchfs.io;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The close of a forwarding handle: the first call closes the delegate and then runs the handle's
 * close action, even when closing the delegate failed; every later call does nothing, so that the
 * action (a deletion, the release of a tracked handle) runs exactly once whichever thread closes.
 */
final class CloseOnce {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final IoRun action;

  CloseOnce(IoRun action) {
    this.action = action;
  }

  /**
   * Closes the delegate with {@code closeDelegate} and runs the action, the first time only.
   *
   * @throws IOException as closing the delegate or the action throws (the action's failure is
   *     added as suppressed when both fail)
   */
  void close(IoRun closeDelegate) throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Failures failures = new Failures();
    try {
      failures.attempt(closeDelegate);
    } finally {
      failures.attempt(action); // also after an unchecked failure of the delegate's close
    }
    failures.throwIfAny();
  }
}
