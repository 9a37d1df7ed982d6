package dev.scratchfs.quota;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code quota} option: a number of bytes as a {@code Long} or {@code Integer}, or a
 * {@code String} of digits followed by an optional binary unit: {@code B}, {@code KiB}, {@code
 * MiB}, {@code GiB}, {@code TiB} ({@code "512"}, {@code "10KiB"}, {@code "64MiB"}, {@code "1GiB"}).
 *
 * <p>Decimal units ({@code KB}, {@code MB}) are refused rather than guessed at: whether "1MB" means
 * 10<sup>6</sup> or 2<sup>20</sup> bytes differs between tools, and a quota should not be off by
 * five percent.
 */
public final class QuotaSize {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,19})\\s*(B|KiB|MiB|GiB|TiB)?");

  private QuotaSize() {}

  /**
   * Parses a quota value.
   *
   * @param key the option's name, for messages
   * @param value a non-negative {@code Long} or {@code Integer}, or a string as described above
   * @return the number of bytes, at least 0
   * @throws IllegalArgumentException naming {@code key} if the value is malformed, negative or
   *     larger than {@code Long.MAX_VALUE} bytes
   */
  public static long parse(String key, Object value) {
    if (value instanceof Long || value instanceof Integer) {
      long bytes = ((Number) value).longValue();
      if (bytes < 0) {
        throw bad(key, value, "must not be negative");
      }
      return bytes;
    }
    if (!(value instanceof String)) {
      throw bad(key, value, "must be a Long, an Integer or a String such as \"64MiB\"");
    }
    Matcher m = FORM.matcher(((String) value).strip());
    if (!m.matches()) {
      throw bad(key, value, "must be digits with an optional unit B, KiB, MiB, GiB or TiB");
    }
    long number;
    try {
      number = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw bad(key, value, "is too large");
    }
    int shift = shift(m.group(2));
    if (number > (Long.MAX_VALUE >> shift)) {
      throw bad(key, value, "is too large");
    }
    return number << shift;
  }

  private static int shift(String unit) {
    if (unit == null) {
      return 0;
    }
    switch (unit) {
      case "KiB":
        return 10;
      case "MiB":
        return 20;
      case "GiB":
        return 30;
      case "TiB":
        return 40;
      default:
        return 0;
    }
  }

  private static IllegalArgumentException bad(String key, Object value, String why) {
    String shown = String.valueOf(value).replace("\0", "\\0");
    return new IllegalArgumentException(
        "tmp: option '" + key + "' " + why + ", not " + (value instanceof String ? "\"" + shown + "\"" : shown));
  }
}
