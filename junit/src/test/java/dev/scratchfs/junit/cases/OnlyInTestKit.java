package dev.scratchfs.junit.cases;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the example classes of this package from running anywhere but in the engine test kit of
 * the tests one package up: they leak, fail and keep trees on purpose, and rely on the directory
 * those tests configure. Their names end in {@code Case}, which surefire does not pick up; this
 * condition also disables them in a run that selects them by hand.
 */
public final class OnlyInTestKit implements ExecutionCondition {
  /** The configuration parameter the test kit runs set. */
  public static final String PARAMETER = "scratchfs.junit.testkit";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).filter("true"::equals).isPresent()
        ? ConditionEvaluationResult.enabled("run by the engine test kit")
        : ConditionEvaluationResult.disabled("an example for the engine test kit, not a test");
  }
}
