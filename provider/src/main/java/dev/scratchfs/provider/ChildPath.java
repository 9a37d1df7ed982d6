package dev.scratchfs.provider;

import dev.scratchfs.path.PathMapping;
import java.nio.file.Path;

/**
 * A {@code tmp:} path made by resolving one plain name against a path whose delegate was known:
 * it remembers that delegate, so that the gate can map it as that delegate and the one name
 * instead of mapping its whole string from the root again (which over jimfs parses every name
 * again, the largest cost of an operation on a new path there).
 *
 * <p>In every other respect it is the path of its string. The delegate it remembers is only a
 * shortcut offered to the gate: {@link PathMapping#toDelegateChild} takes it only where it gives
 * the same delegate path as the string would, so equal paths map alike however they were made.
 */
final class ChildPath extends TmpPath {
  /** What the parent maps to by path (the gate mapped it, or it is the root's delegate). */
  private final Path parentDelegate;
  /** The name resolved against the parent: a plain name, the last of this path's string. */
  private final String name;

  ChildPath(TmpFileSystem fs, String normalizedPath, Path parentDelegate, String name) {
    super(fs, normalizedPath);
    this.parentDelegate = parentDelegate;
    this.name = name;
  }

  @Override
  Path delegateFromParent(PathMapping mapping) {
    return mapping.toDelegateChild(parentDelegate, name);
  }
}
