package dev.scratchfs.junit;

import static dev.scratchfs.junit.ScratchExtensionTest.cases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scratchfs.junit.cases.Seen;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/junit.md shows only code that runs: every {@code java} and {@code properties} snippet is a
 * copy, in order, of lines of one file of the test sources (a line {@code // ...} stands for lines
 * left out), and the example classes it copies from pass in the engine test kit.
 */
class DocExamplesTest {
  @TempDir Path dir;

  @Test
  void everySnippetIsCopiedFromATestSource() throws IOException {
    List<List<String>> snippets = snippets(Path.of(System.getProperty("scratchfs.docs")));
    assertTrue(snippets.size() >= 8, "snippets found: " + snippets.size());
    Map<Path, List<String>> sources = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("scratchfs.test.sources")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sources.put(f, Files.readAllLines(f).stream().map(String::trim)
            .filter(l -> !l.isEmpty()).toList());
      }
    }
    for (List<String> snippet : snippets) {
      boolean found = sources.values().stream().anyMatch(lines -> containsInOrder(lines, snippet));
      if (!found) {
        fail("snippet not found in any test source:\n" + String.join("\n", snippet));
      }
    }
  }

  @Test
  void theAdoptionPropertiesFileMakesEveryTempDirAScratchOne() throws IOException {
    String[] parameters = parameters("/adoption/junit-platform.properties");
    assertEquals(2, parameters.length, "one line: " + List.of(parameters));

    TestKitRun.run(dir, cases("PlainTempDirCase"), parameters)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("tmp", Seen.fact("field scheme"));
    assertEquals("tmp", Seen.fact("parameter scheme"));
    assertEquals(List.of(), TestKitRun.entries(dir));

    TestKitRun.run(dir, cases("FileTempDirCase"), parameters)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void theDiskModePropertiesFileGivesPlainDirectories() throws IOException {
    String[] parameters = parameters("/adoption-disk/junit-platform.properties");
    assertEquals(4, parameters.length, "two lines: " + List.of(parameters));

    TestKitRun.run(dir, cases("PlainTempDirCase"), parameters)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("file", Seen.fact("field scheme"));
    assertEquals("file", Seen.fact("parameter scheme"));
    TestKitRun.run(dir, cases("DiskModeCase"), parameters)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));
    assertTrue(Seen.path("path").startsWith(dir), "in a container under scratchfs.dir");
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  /** The configuration parameters of a properties file of the test resources, as name, value. */
  private String[] parameters(String resource) throws IOException {
    Properties adoption = new Properties();
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      adoption.load(in);
    }
    List<String> parameters = new ArrayList<>();
    adoption.forEach((k, v) -> {
      parameters.add((String) k);
      parameters.add((String) v);
    });
    return parameters.toArray(String[]::new);
  }

  @Test
  void theScratchDirExamplesPass() throws IOException {
    TestKitRun.run(dir, cases("ReportCase")).testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3));
    assertFalse(Files.exists(Seen.path("out")), "a passing test's tree is deleted");
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  @Test
  void bothSidesOfTheJimfsRecipePass() throws IOException {
    TestKitRun.run(dir, cases("JimfsStyleCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    TestKitRun.run(dir, cases("ScratchStyleCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("file", Seen.path("root").getFileSystem().provider().getScheme());
    TestKitRun.run(dir, cases("InMemoryStyleCase")).testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals("jimfs", Seen.path("root").getFileSystem().provider().getScheme());
    assertEquals(List.of(), TestKitRun.entries(dir));
  }

  /** The trimmed non-blank lines of each {@code java} or {@code properties} block. */
  private static List<List<String>> snippets(Path markdown) throws IOException {
    List<List<String>> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(markdown)) {
      if (current == null) {
        if (line.equals("```java") || line.equals("```properties")) {
          current = new ArrayList<>();
        }
      } else if (line.equals("```")) {
        snippets.add(current);
        current = null;
      } else if (!line.isBlank()) {
        current.add(line.trim());
      }
    }
    assertEquals(null, current, "an unclosed code block");
    return snippets;
  }

  /** Whether {@code snippet} is a subsequence of {@code lines}, {@code // ...} matching any run. */
  private static boolean containsInOrder(List<String> lines, List<String> snippet) {
    for (int start = 0; start < lines.size(); start++) {
      if (!lines.get(start).equals(snippet.get(0))) {
        continue;
      }
      int at = start;
      boolean gap = false;
      boolean all = true;
      for (String want : snippet) {
        if (want.equals("// ...")) {
          gap = true;
          continue;
        }
        int next = at;
        if (gap) {
          while (next < lines.size() && !lines.get(next).equals(want)) {
            next++;
          }
        }
        if (next >= lines.size() || !lines.get(next).equals(want)) {
          all = false;
          break;
        }
        at = next + 1;
        gap = false;
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
