package dev.scratchfs.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the provider, checked on its class files: the packages form layers without cycles
 * (the public API and the provider may know each other, nothing else may), the leaf packages
 * import nothing above them, every call into the delegate file system is made by the gate, and
 * internal types are package-private where the layout allows.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.scratchfs";
  private static JavaClasses classes;

  @BeforeAll
  static void importProvider() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages(ROOT);
  }

  private static boolean isMain(JavaClass c) {
    return c.getPackageName().startsWith(ROOT)
        && !c.getPackageName().startsWith(ROOT + ".junit")
        && !c.getPackageName().startsWith(ROOT + ".benchmarks")
        && c.getSource().map(s -> s.getUri().toString().contains("scratchfs-provider")
            || s.getUri().toString().contains("/provider/target/classes")).orElse(false);
  }

  /** Package to the packages of this library it uses. */
  private static Map<String, Set<String>> packageGraph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (JavaClass c : classes) {
      if (!isMain(c)) {
        continue;
      }
      Set<String> uses = graph.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>());
      c.getDirectDependenciesFromSelf().forEach(d -> {
        String target = d.getTargetClass().getPackageName();
        if (target.startsWith(ROOT) && !target.equals(c.getPackageName())) {
          uses.add(target);
        }
      });
    }
    return graph;
  }

  @Test
  void noPackageCycleButBetweenTheApiAndTheProvider() {
    Map<String, Set<String>> graph = packageGraph();
    assertTrue(graph.keySet().containsAll(Set.of(ROOT, ROOT + ".provider", ROOT + ".path",
        ROOT + ".policy", ROOT + ".lifecycle", ROOT + ".quota", ROOT + ".io", ROOT + ".tempfile")),
        "the provider's classes were not all found: " + graph.keySet());
    assertTrue(graph.get(ROOT + ".provider").contains(ROOT + ".path"), "dependencies not read");
    List<Set<String>> cycles = new ArrayList<>();
    for (Set<String> component : StronglyConnected.components(graph)) {
      if (component.size() > 1) {
        cycles.add(component);
      }
    }
    cycles.removeIf(c -> c.equals(Set.of(ROOT, ROOT + ".provider")));
    assertEquals(List.of(), cycles, "package cycles in " + graph);
  }

  @Test
  void leafPackagesImportNothingAboveThem() {
    Map<String, Set<String>> graph = packageGraph();
    Map<String, Set<String>> allowed = Map.of(
        ROOT + ".io", Set.of(),
        ROOT + ".path", Set.of(),
        ROOT + ".policy", Set.of(ROOT + ".io"),
        ROOT + ".quota", Set.of(ROOT + ".io"),
        ROOT + ".lifecycle", Set.of(ROOT + ".io", ROOT + ".policy"),
        ROOT + ".tempfile", Set.of(ROOT + ".io", ROOT + ".policy"));
    allowed.forEach((pkg, may) -> {
      Set<String> uses = graph.getOrDefault(pkg, Set.of());
      assertTrue(may.containsAll(uses), pkg + " may use only " + may + " but uses " + uses);
    });
  }

  /** The types through which the provider reaches a delegate file system. */
  private static final Set<String> DELEGATE_TYPES = Set.of(
      "java.nio.file.spi.FileSystemProvider", "java.nio.file.Files",
      "java.nio.file.SecureDirectoryStream", "java.nio.file.FileSystem");

  /**
   * Gate, and the classes whose code runs inside one of its calls; and AclOwner, which sets up the
   * container's ACL before the file system exists.
   */
  private static final Set<String> GATE = Set.of(
      "Gate", "DelegateAccess", "LinkPolicy", "LinkPlacement", "Staging", "Copies", "Transfers",
      "Watching",
      "ChannelLayers", "CreationPolicy", "AclOwner");

  @Test
  void everyCallIntoTheDelegateIsMadeByTheGate() {
    List<String> outside = new ArrayList<>();
    int byTheGate = 0;
    for (JavaClass c : classes) {
      if (!c.getPackageName().equals(ROOT + ".provider") || !isMain(c)) {
        continue;
      }
      String top = c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0];
      for (JavaAccess<?> call : c.getMethodCallsFromSelf()) {
        String owner = call.getTargetOwner().getName();
        boolean intoDelegate =
            DELEGATE_TYPES.contains(owner)
                || owner.equals("java.nio.file.Path")
                    && Set.of("toRealPath", "register", "toFile").contains(call.getName());
        if (intoDelegate && !GATE.contains(top) && !isOwnFileSystemMethod(top, call)) {
          outside.add(call.getDescription());
        } else if (intoDelegate && GATE.contains(top)) {
          byTheGate++;
        }
      }
    }
    assertTrue(byTheGate > 20, "the scan saw only " + byTheGate + " delegate calls in the gate");
    assertEquals(List.of(), outside, "delegate calls made outside the gate");
  }

  /**
   * Calls a file system makes on itself or reads of facts (not operations) are not calls into the
   * delegate: the delegate's separator, views and principal lookup, the traits probe.
   */
  private static boolean isOwnFileSystemMethod(String top, JavaAccess<?> call) {
    return call.getTargetOwner().getName().equals("java.nio.file.FileSystem")
            && Set.of("getSeparator", "supportedFileAttributeViews", "getUserPrincipalLookupService",
                "getRootDirectories", "provider", "getPath").contains(call.getName())
        || top.equals("DelegateTraits");
  }

  @Test
  void internalTypesArePackagePrivateInTheProvider() {
    Set<String> publicTypes = classes.stream()
        .filter(ArchitectureTest::isMain)
        .filter(c -> c.getPackageName().equals(ROOT + ".provider"))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
        .map(JavaClass::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("TmpFileSystemProvider", "TmpOptions"), publicTypes);
  }

  @Test
  void noMainSourceFileIsOverFourHundredLines() throws IOException {
    Path sources = Path.of(System.getProperty("scratchfs.main.sources", "../provider/src/main/java"));
    Map<String, Long> tooLong = new HashMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        long lines;
        try (Stream<String> l = Files.lines(f)) {
          lines = l.count();
        }
        if (lines > 400) {
          tooLong.put(sources.relativize(f).toString(), lines);
        }
      }
    }
    assertEquals(Map.of(), tooLong);
  }

  /** Tarjan's strongly connected components, iteratively. */
  static final class StronglyConnected {
    private StronglyConnected() {}

    static List<Set<String>> components(Map<String, Set<String>> graph) {
      Map<String, Integer> index = new HashMap<>();
      Map<String, Integer> low = new HashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      Set<String> onStack = new TreeSet<>();
      List<Set<String>> result = new ArrayList<>();
      int[] counter = {0};
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          connect(v, graph, index, low, stack, onStack, result, counter);
        }
      }
      return result;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
        Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
        List<Set<String>> result, int[] counter) {
      index.put(v, counter[0]);
      low.put(v, counter[0]);
      counter[0]++;
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          connect(w, graph, index, low, stack, onStack, result, counter);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        result.add(component);
      }
    }
  }
}
