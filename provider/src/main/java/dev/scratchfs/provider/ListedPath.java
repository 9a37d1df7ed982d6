package dev.scratchfs.provider;

import dev.scratchfs.path.PathMapping;
import dev.scratchfs.path.PathSyntax;
import java.nio.file.Path;

/**
 * An entry of a {@code tmp:} directory stream, made from the delegate's entry without looking at
 * it: its string (the directory as the caller named it, resolved with the entry's name, exactly as
 * eager listing made it) is computed on first need, so that listing a big directory costs one
 * small object per entry, and the entry's name is decoded only for the entries that are used.
 *
 * <p>Made only by streams whose delegate directory is the one the directory maps to by path, so
 * that the delegate's entry is the delegate path of this path, where names round-trip: the gate
 * takes it as the mapping only where {@link PathMapping#listedEntry} says so. Equality, hashing,
 * ordering and the algebra are those of the string, as for any {@code tmp:} path.
 */
final class ListedPath extends TmpPath {
  private final TmpPath dir;
  private final Path entry;
  /** The string, once computed (benign race: computed from final fields, idempotent). */
  private String string;

  ListedPath(TmpPath dir, Path entry) {
    super(dir.getFileSystem());
    this.dir = dir;
    this.entry = entry;
  }

  @Override
  protected String lazyString() {
    String s = string;
    if (s == null) {
      s = PathSyntax.resolve(dir.string(), entry.getFileName().toString());
      string = s;
    }
    return s;
  }

  @Override
  Path delegateFromParent(PathMapping mapping) {
    return mapping.listedEntry(entry, string());
  }
}
