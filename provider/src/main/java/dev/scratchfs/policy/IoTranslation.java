package dev.scratchfs.policy;

import java.io.IOException;

/** Rewrites a delegate's exception for the caller (see {@link ExceptionTranslator}). */
@FunctionalInterface
public interface IoTranslation {
  /**
   * Translates {@code e}.
   *
   * @param e the delegate's exception
   * @return the exception to throw to the caller
   */
  IOException apply(IOException e);
}
