package dev.scratchfs.junit;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Entry point of an engine test kit run inside another class loader: loaded there by {@link
 * InMemoryWithoutJimfsTest}, it answers in a {@code String} so that no class crosses the loaders.
 */
public final class IsolatedRun {
  private IsolatedRun() {}

  /** Runs an example class and returns each failed test's causal chain of messages. */
  public static String failures(String exampleClass, String dir) throws ClassNotFoundException {
    Class<?> example = Class.forName(exampleClass);
    return TestKitRun.run(Path.of(dir), example).testEvents().failed().stream()
        .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
        .map(IsolatedRun::chain)
        .collect(Collectors.joining("\n"));
  }

  private static String chain(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      s.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return s.toString();
  }
}
