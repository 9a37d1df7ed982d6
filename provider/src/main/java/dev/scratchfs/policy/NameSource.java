package dev.scratchfs.policy;

/**
 * Where the random part of a temporary name comes from.
 *
 * <p>Production code always uses {@link RandomNames#secure()}; the interface exists so that tests can
 * supply a source that always collides and prove the retry bound of {@link ExclusiveCreator}.
 */
@FunctionalInterface
public interface NameSource {
  /**
   * Returns the next random part of a name.
   *
   * @return six characters from {@code [a-z0-9_]}, never null
   */
  String next();
}
