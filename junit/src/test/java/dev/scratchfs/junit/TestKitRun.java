package dev.scratchfs.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.scratchfs.junit.cases.OnlyInTestKit;
import dev.scratchfs.junit.cases.Seen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs an example class of {@code cases} in the Jupiter engine, with scratch roots in {@code dir}. */
final class TestKitRun {
  private TestKitRun() {}

  /**
   * Runs {@code example} with {@code scratchfs.dir=dir} and the given {@code name, value} pairs of
   * configuration parameters.
   */
  static EngineExecutionResults run(Path dir, Class<?> example, String... parameters) {
    Seen.clear();
    EngineTestKit.Builder kit =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(example))
            .configurationParameter(OnlyInTestKit.PARAMETER, "true")
            .configurationParameter(ScratchExtension.DIR_PROPERTY_NAME, dir.toString());
    for (int i = 0; i < parameters.length; i += 2) {
      kit.configurationParameter(parameters[i], parameters[i + 1]);
    }
    return kit.execute();
  }

  /** The entries of {@code dir}, read from disk. */
  static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
