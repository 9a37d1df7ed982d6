package dev.scratchfs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential conformance of the tmp: provider: every scenario runs on the default file system,
 * on jimfs, and on a tmp: file system over each of them. A tmp: target must observe exactly what
 * its delegate observes, except for the permission policy (permission sets are compared after
 * intersecting the delegate's with the owner's bits) and the differences each scenario documents.
 *
 * <p>A plain target's own test checks that the scenario is well-formed: it records something and
 * observes the same on two fresh work directories, so that a tmp: mismatch is never noise.
 */
class ProviderConformanceTest {
  @TempDir static Path base;

  /** Outcomes of the plain targets, keyed by target and scenario name, reused by the tmp: tests. */
  private static final Map<String, Map<String, String>> DELEGATE_OUTCOMES =
      new ConcurrentHashMap<>();

  static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(FileScenarios.table().rows());
    all.addAll(StreamAndChannelScenarios.table().rows());
    all.addAll(DirectoryScenarios.table().rows());
    all.addAll(CopyMoveScenarios.table().rows());
    all.addAll(LinkScenarios.table().rows());
    all.addAll(AttributeScenarios.table().rows());
    all.addAll(WatchScenarios.table().rows());
    all.addAll(PermissionScenarios.table().rows());
    return all;
  }

  @Test
  void tableIsLargeAndNamesAreUnique() {
    List<Scenario> all = scenarios();
    Set<String> names = new HashSet<>();
    for (Scenario s : all) {
      assertTrue(names.add(s.name), "duplicate scenario name: " + s.name);
    }
    assertTrue(all.size() >= 150, "only " + all.size() + " scenarios");
  }

  @TestFactory
  Stream<DynamicNode> conformance() {
    List<Scenario> all = scenarios();
    return Stream.of(Target.values())
        .map(
            target ->
                dynamicContainer(
                    target.label(),
                    all.stream()
                        .map(s -> dynamicTest(s.name + " @ " + target.label(), () -> check(s, target)))));
  }

  private static void check(Scenario s, Target target) throws Exception {
    try {
      compare(s, target);
    } catch (AssertionError | Exception e) {
      throw new AssertionError("[" + s.name + " @ " + target + "] " + e, e);
    }
  }

  private static void compare(Scenario s, Target target) throws Exception {
    if (!target.isTmp()) {
      Map<String, String> first = s.runOn(target, base);
      Map<String, String> second = s.runOn(target, base);
      assertFalse(first.isEmpty(), "scenario records nothing");
      assertEquals(
          Outcome.text(first), Outcome.text(second), "scenario is not deterministic on " + target);
      DELEGATE_OUTCOMES.put(key(target, s), first);
      return;
    }
    Map<String, String> delegate = delegateOutcome(s, target.delegate());
    Map<String, String> expected = new LinkedHashMap<>();
    delegate.forEach((k, v) -> expected.put(k, Outcome.ownerOnly(v)));
    Scenario.Difference difference = s.differences.get(target);
    String message = "tmp: must observe what its delegate observes";
    if (difference != null) {
      message = "documented difference: " + difference.reason;
      for (Map.Entry<String, String> e : difference.tmpValues.entrySet()) {
        assertTrue(
            expected.containsKey(e.getKey()),
            "documented difference names a line the delegate does not record: " + e.getKey());
        assertNotEquals(
            expected.get(e.getKey()), e.getValue(),
            "documented difference is not a difference on the delegate: " + e.getKey());
        expected.put(e.getKey(), e.getValue());
      }
    }
    Map<String, String> actual = s.runOn(target, base);
    assertEquals(Outcome.text(expected), Outcome.text(actual), message);
  }

  private static Map<String, String> delegateOutcome(Scenario s, Target delegate) throws Exception {
    Map<String, String> cached = DELEGATE_OUTCOMES.get(key(delegate, s));
    if (cached != null) {
      return cached;
    }
    Map<String, String> outcome = s.runOn(delegate, base);
    DELEGATE_OUTCOMES.put(key(delegate, s), outcome);
    return outcome;
  }

  private static String key(Target target, Scenario s) {
    return target.label() + "\u0000" + s.name;
  }
}
