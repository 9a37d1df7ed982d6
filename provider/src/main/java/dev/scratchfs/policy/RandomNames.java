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

  /** How many distinct random parts there are: 37^6. */
  private static final long PARTS = partCount();

  private static long partCount() {
    long n = 1;
    for (int i = 0; i < LENGTH; i++) {
      n *= CHARACTERS.length();
    }
    return n;
  }

  @Override
  public String next() {
    // One draw per name, not one per character: each SecureRandom call locks and mixes (about
    // 0.2 us with NativePRNG), a visible share of creating a temporary file. A uniform draw among
    // all 37^6 parts is the same distribution as six uniform characters.
    long n = random.nextLong(PARTS);
    char[] name = new char[LENGTH];
    for (int i = LENGTH - 1; i >= 0; i--) {
      name[i] = CHARACTERS.charAt((int) (n % CHARACTERS.length()));
      n /= CHARACTERS.length();
    }
    return new String(name);
  }
}
