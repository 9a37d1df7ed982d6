package dev.scratchfs.lifecycle;

import java.util.Locale;

/**
 * What closing a scratch file system does about handles (channels, streams, directory streams,
 * watch services) that were opened through it and are still open: the {@code leaks} option.
 */
public enum LeakMode {
  /** Close them silently; where they were opened is not recorded (no cost per open). */
  IGNORE,
  /** Close them and log one warning listing each with the place it was opened. */
  CLOSE,
  /**
   * Close them, delete the tree, then throw {@code LeakedHandlesException} listing each with the
   * place it was opened.
   */
  FAIL;

  /**
   * Reads the option value: {@code "ignore"}, {@code "close"}, {@code "warn"} (same as close) or
   * {@code "fail"}, in any case.
   *
   * @param key the option's name, for the message
   * @param value the value given
   * @return the mode
   * @throws IllegalArgumentException if the value is not one of those strings
   */
  public static LeakMode parse(String key, Object value) {
    if (value instanceof String) {
      switch (((String) value).toLowerCase(Locale.ROOT)) {
        case "ignore":
          return IGNORE;
        case "close":
        case "warn":
          return CLOSE;
        case "fail":
          return FAIL;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "tmp: option '" + key + "' must be \"ignore\", \"close\" (or \"warn\") or \"fail\", not "
            + printable(value));
  }

  /** Keeps NUL and other control characters of a bad value visible (and harmless) in messages. */
  static String printable(Object value) {
    String s = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
