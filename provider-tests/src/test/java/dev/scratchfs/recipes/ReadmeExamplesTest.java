package dev.scratchfs.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every code block marked {@code <!-- example: NAME -->} in {@code
 * README.md} is, character for character (after removing the common indentation), the code between
 * {@code // example: NAME} and {@code // end example} in a test of this project, and every such
 * test block is shown. The tests holding the blocks run them and check what they did, so a README
 * example that stops working fails the build.
 */
public class ReadmeExamplesTest {
  private static final Pattern CODE_EXAMPLE =
      Pattern.compile("(?m)^([ \\t]*)// example: (\\S+)\\n(.*?)^[ \\t]*// end example$",
          Pattern.DOTALL);

  private static final Pattern DOC_EXAMPLE =
      Pattern.compile("(?m)^<!-- example: (\\S+) -->\\n```java\\n(.*?)^```$", Pattern.DOTALL);

  @Test
  void theReadmeShowsExactlyTheExamplesTheTestsRun() throws IOException {
    Path root = projectRoot();
    Map<String, String> inCode = new TreeMap<>();
    for (Path source : testSources(root)) {
      Matcher code = CODE_EXAMPLE.matcher(Files.readString(source));
      while (code.find()) {
        String previous = inCode.put(code.group(2), dedent(code.group(3)));
        assertEquals(null, previous, "example " + code.group(2) + " twice in the tests");
      }
    }
    Map<String, String> inDoc = new TreeMap<>();
    Matcher block = DOC_EXAMPLE.matcher(Files.readString(root.resolve("README.md")));
    while (block.find()) {
      String previous = inDoc.put(block.group(1), block.group(2));
      assertEquals(null, previous, "example " + block.group(1) + " twice in the README");
    }
    assertFalse(inDoc.isEmpty(), "the README has examples");
    assertEquals(inCode.keySet(), inDoc.keySet(), "examples in the tests and in the README");
    for (String name : inCode.keySet()) {
      assertEquals(inCode.get(name), inDoc.get(name), "example " + name + " differs");
    }
  }

  @Test
  void theRecipesAreThere() throws IOException {
    String readme = Files.readString(projectRoot().resolve("README.md"));
    for (String name : List.of("recipe-jimfs", "recipe-zip", "recipe-unwrap", "recipe-quota")) {
      assertTrue(readme.contains("<!-- example: " + name + " -->"), name);
    }
  }

  private static List<Path> testSources(Path root) throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        Path tests = module.resolve("src/test/java");
        if (Files.isDirectory(tests)) {
          try (Stream<Path> files = Files.walk(tests)) {
            files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
          }
        }
      }
    }
    return sources;
  }

  /** Removes the indentation all non-blank lines share. */
  static String dedent(String block) {
    List<String> lines = new ArrayList<>(List.of(block.split("\n", -1)));
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      out.append(line.isBlank() ? "" : line.substring(indent));
      if (i < lines.size() - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The directory holding README.md: Maven runs the tests in a module directory. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
