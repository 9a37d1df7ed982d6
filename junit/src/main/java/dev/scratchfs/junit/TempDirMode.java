package dev.scratchfs.junit;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link ScratchTempDirFactory} hands out, from the configuration parameter {@value
 * ScratchTempDirFactory#TEMPDIR_PROPERTY_NAME}.
 */
enum TempDirMode {
  /**
   * A {@code tmp:} path for {@code @TempDir Path} (confined, leak-checked), an on-disk directory in
   * the private container for {@code @TempDir File}, which cannot hold anything else.
   */
  TMP,
  /** An on-disk directory in the private container for every {@code @TempDir}. */
  DISK;

  static TempDirMode fromConfiguration(ExtensionContext context) {
    String name = ScratchTempDirFactory.TEMPDIR_PROPERTY_NAME;
    Optional<String> value = context.getConfigurationParameter(name);
    if (value.isEmpty()) {
      return TMP;
    }
    switch (value.get().trim().toLowerCase(Locale.ROOT)) {
      case "tmp":
        return TMP;
      case "disk":
        return DISK;
      default:
        throw new ExtensionConfigurationException(
            "configuration parameter " + name + " must be tmp or disk, not '" + value.get() + "'");
    }
  }
}
