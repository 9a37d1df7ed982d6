package dev.scratchfs.junit;

import dev.scratchfs.TmpFileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The options of one scratch directory, from an annotation's attributes and the JUnit configuration
 * parameters, checked before anything is created.
 */
final class ScratchSettings {
  private final Path dir;
  private final String leaks;
  private final boolean keepOnFailure;
  private final boolean inMemory;

  private ScratchSettings(Path dir, String leaks, boolean keepOnFailure, boolean inMemory) {
    this.dir = dir;
    this.leaks = leaks;
    this.keepOnFailure = keepOnFailure;
    this.inMemory = inMemory;
  }

  /** Reads the configuration parameters alone, as the {@code @TempDir} factory does. */
  static ScratchSettings fromConfiguration(ExtensionContext context) {
    String leaks =
        context
            .getConfigurationParameter(ScratchExtension.LEAKS_PROPERTY_NAME)
            .orElse(ScratchExtension.DEFAULT_LEAKS);
    checkLeaks(leaks, "configuration parameter " + ScratchExtension.LEAKS_PROPERTY_NAME);
    return new ScratchSettings(
        dir(context),
        leaks,
        flag(context, ScratchExtension.KEEP_ON_FAILURE_PROPERTY_NAME),
        flag(context, ScratchExtension.IN_MEMORY_PROPERTY_NAME));
  }

  /** Reads an annotation, falling back to the configuration parameters for unset attributes. */
  static ScratchSettings of(ScratchDir annotation, ExtensionContext context) {
    if (annotation.inMemory() && annotation.keepOnFailure()) {
      throw new ExtensionConfigurationException(
          "@ScratchDir(inMemory = true, keepOnFailure = true): an in-memory scratch directory has"
              + " nothing on disk to keep; drop one of them");
    }
    ScratchSettings configured = fromConfiguration(context);
    String leaks = configured.leaks;
    if (!annotation.leaks().isEmpty()) {
      leaks = annotation.leaks();
      checkLeaks(leaks, "@ScratchDir(leaks = \"" + leaks + "\")");
    }
    return new ScratchSettings(
        configured.dir,
        leaks,
        annotation.keepOnFailure() || configured.keepOnFailure,
        annotation.inMemory() || configured.inMemory);
  }

  /** Returns these settings with keeping a failed test's tree switched on or off. */
  ScratchSettings withKeepOnFailure(boolean keep) {
    return new ScratchSettings(dir, leaks, keep, inMemory);
  }

  /** Returns these settings on the disk: in-memory backing switched off. */
  ScratchSettings onDisk() {
    return new ScratchSettings(dir, leaks, keepOnFailure, false);
  }

  /** The directory to create the scratch root in, or null for the library's default. */
  Path dir() {
    return dir;
  }

  String leaks() {
    return leaks;
  }

  /** Whether the tree is kept when the test fails; always false in memory, where nothing stays. */
  boolean keepOnFailure() {
    return keepOnFailure && !inMemory;
  }

  boolean inMemory() {
    return inMemory;
  }

  private static void checkLeaks(String leaks, String source) {
    try {
      TmpFileSystems.builder().leaks(leaks);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(source + ": " + e.getMessage(), e);
    }
  }

  private static Path dir(ExtensionContext context) {
    Optional<String> value = context.getConfigurationParameter(ScratchExtension.DIR_PROPERTY_NAME);
    if (value.isEmpty()) {
      return null;
    }
    String name = ScratchExtension.DIR_PROPERTY_NAME;
    Path dir;
    try {
      dir = Path.of(value.get());
    } catch (InvalidPathException e) {
      throw new ExtensionConfigurationException(
          "configuration parameter " + name + " is not a path: " + e.getMessage(), e);
    }
    if (!Files.isDirectory(dir)) {
      throw new ExtensionConfigurationException(
          "configuration parameter " + name + " names no directory: " + dir.toAbsolutePath());
    }
    return dir;
  }

  private static boolean flag(ExtensionContext context, String name) {
    Optional<String> value = context.getConfigurationParameter(name);
    if (value.isEmpty()) {
      return false;
    }
    switch (value.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new ExtensionConfigurationException(
            "configuration parameter " + name + " must be true or false, not '" + value.get() + "'");
    }
  }
}
