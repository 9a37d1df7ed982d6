package dev.scratchfs.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the conformance table: operations on a fresh work directory, recorded as an {@link
 * Outcome}, and the documented differences a tmp: target is allowed (and required) to show.
 */
final class Scenario {
  /** The operations of a scenario. */
  @FunctionalInterface
  interface Body {
    void run(Path work, Outcome out) throws Exception;
  }

  /** A documented, intended difference of a tmp: target from its delegate. */
  static final class Difference {
    final String reason;
    /** Lines whose tmp: value is given here instead of being the delegate's value. */
    final Map<String, String> tmpValues;

    Difference(String reason, Map<String, String> tmpValues) {
      this.reason = reason;
      this.tmpValues = tmpValues;
    }
  }

  final String name;
  final Body body;
  final Map<Target, Difference> differences = new EnumMap<>(Target.class);

  Scenario(String name, Body body) {
    this.name = name;
    this.body = body;
  }

  /**
   * Documents that on both tmp: targets the given lines differ from the delegate's, with the tmp:
   * value each must have.
   *
   * @param reason the project's documented difference that explains it
   * @param keysAndValues alternating line keys and expected tmp: values
   */
  Scenario differsOnTmp(String reason, String... keysAndValues) {
    return differsOn(reason, List.of(Target.TMP_OVER_DEFAULT, Target.TMP_OVER_JIMFS), keysAndValues);
  }

  /** Like {@link #differsOnTmp} for the given tmp: targets only. */
  Scenario differsOn(String reason, List<Target> targets, String... keysAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    for (Target t : targets) {
      differences.put(t, new Difference(reason, values));
    }
    return this;
  }

  /** Runs the scenario on a fresh work directory of {@code target}. */
  Map<String, String> runOn(Target target, Path base) throws Exception {
    try (Target.Workspace ws = target.open(base)) {
      Outcome out = new Outcome(ws.work);
      body.run(ws.work, out);
      return new LinkedHashMap<>(out.lines());
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Collects the rows of one table. */
  static final class Table {
    private final String group;
    private final List<Scenario> rows = new ArrayList<>();

    Table(String group) {
      this.group = group;
    }

    Scenario add(String name, Body body) {
      Scenario s = new Scenario(group + ": " + name, body);
      rows.add(s);
      return s;
    }

    List<Scenario> rows() {
      return rows;
    }
  }
}
