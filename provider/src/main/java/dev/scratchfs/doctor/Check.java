package dev.scratchfs.doctor;

/**
 * One guarantee the self-check verifies on the live system.
 *
 * @param name what is checked, as printed
 * @param body throws {@link AssertionError} (or any exception) when the guarantee does not hold
 */
record Check(String name, Body body) {
  /** The checking code. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }
}
