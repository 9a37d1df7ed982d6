package dev.scratchfs.policy;

import java.security.SecureRandom;

/**
 * Random name parts in the form of Python's {@code tempfile._RandomNameSequence}: six characters
 * from {@code [a-z0-9_]}, drawn from a {@link SecureRandom}, so that a name cannot be predicted by
 * another user who watches earlier names.
 */
public final class RandomNames implements NameSource {
  /** The characters a random name part is made of, as in Python's {@code tempfile}. */
  public static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";

  /** How many random characters a name carries. */
  public static final int LENGTH = 6;

  private static final RandomNames SECURE = new RandomNames(new SecureRandom());

  private final SecureRandom random;

  private RandomNames(SecureRandom random) {
    this.random = random;
  }

  /**
   * Returns the process-wide source backed by one {@link SecureRandom}.
   *
   * @return a thread-safe source of unpredictable names
   */
  public static NameSource secure() {
    return SECURE;
  }

  @Override
  public String next() {
    char[] name = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      name[i] = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
    }
    return new String(name);
  }
}
