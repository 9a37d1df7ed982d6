package dev.scratchfs.lifecycle;

import dev.scratchfs.policy.RandomNames;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the name of an entry of a scratch file system's directory says it is.
 *
 * <ul>
 *   <li>{@link Kind#FINAL}: {@code prefix + six random characters + suffix}, the name a container
 *       has while its file system lives (and keeps, when it is kept with {@code cleanup=false});
 *   <li>{@link Kind#BUILDING}: {@code .scratchfs-new-IDENTITY-xxxxxx}, the name a container has
 *       while it is being built;
 *   <li>{@link Kind#TOMBSTONE}: {@code .scratchfs-del-IDENTITY-xxxxxx}, the name a container gets
 *       when its deletion starts, and keeps until its last entry is gone.
 * </ul>
 *
 * <p>IDENTITY is the {@link ProcessIdentity} of the process that builds or deletes the container,
 * so that a reaper can prove that the process is gone when no lock can tell it. A final name is
 * anything with six characters of {@code [a-z0-9_]} in a row (the prefix and suffix are the
 * user's); the layout inside tells scratchfs containers apart from anything else.
 */
final class ContainerName {
  /** The kinds of names. */
  enum Kind {
    /** The name of a live or kept container. */
    FINAL,
    /** The name of a container being built. */
    BUILDING,
    /** The name of a container being deleted. */
    TOMBSTONE
  }

  private static final String BUILDING = ".scratchfs-new-";
  private static final String TOMBSTONE = ".scratchfs-del-";
  private static final String RANDOM =
      "[" + Pattern.quote(RandomNames.CHARACTERS) + "]{" + RandomNames.LENGTH + "}";
  private static final Pattern TRANSIENT =
      Pattern.compile("\\.scratchfs-(new|del)-(" + ProcessIdentity.tokenPattern() + ")-" + RANDOM);
  private static final Pattern FINAL = Pattern.compile(".*" + RANDOM + ".*");

  private final Kind kind;
  private final ProcessIdentity process;

  private ContainerName(Kind kind, ProcessIdentity process) {
    this.kind = kind;
    this.process = process;
  }

  /**
   * Returns the prefix of the names of containers {@code process} builds; the random part follows
   * it.
   *
   * @param process the process that builds the container
   * @return the prefix
   */
  static String buildingPrefix(ProcessIdentity process) {
    return prefixes(process).building;
  }

  /**
   * Returns the prefix of the tombstone names of {@code process}; the random part follows it.
   *
   * @param process the process that deletes the container
   * @return the prefix
   */
  static String tombstonePrefix(ProcessIdentity process) {
    return prefixes(process).tombstone;
  }

  /** The prefixes of the process last asked about: this one, for every container it makes. */
  private static volatile Prefixes last;

  private static Prefixes prefixes(ProcessIdentity process) {
    Prefixes known = last;
    if (known == null || known.process != process) {
      known = new Prefixes(process);
      last = known;
    }
    return known;
  }

  private static final class Prefixes {
    final ProcessIdentity process;
    final String building;
    final String tombstone;

    Prefixes(ProcessIdentity process) {
      this.process = process;
      this.building = BUILDING + process.token() + "-";
      this.tombstone = TOMBSTONE + process.token() + "-";
    }
  }

  /**
   * Reads an entry's name.
   *
   * @param name the name of an entry of the directory
   * @return what it says, or null if it cannot be a container's name
   */
  static ContainerName of(String name) {
    if (name.startsWith(BUILDING) || name.startsWith(TOMBSTONE)) {
      Matcher m = TRANSIENT.matcher(name);
      if (!m.matches()) {
        return null;
      }
      return new ContainerName(
          m.group(1).equals("new") ? Kind.BUILDING : Kind.TOMBSTONE,
          ProcessIdentity.parse(m.group(2)));
    }
    return FINAL.matcher(name).matches() ? new ContainerName(Kind.FINAL, null) : null;
  }

  /**
   * Returns the kind of name.
   *
   * @return the kind
   */
  Kind kind() {
    return kind;
  }

  /**
   * Tells whether the process named in a building or tombstone name has provably ended.
   *
   * @return false for a final name, or where it cannot be proved
   */
  boolean processIsGone() {
    return process != null && process.isProvablyGone();
  }
}
