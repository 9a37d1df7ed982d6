package dev.scratchfs.junit;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A {@link TempDirFactory} that puts each {@code @TempDir} in a fresh scratch file system. Either per
 * annotation, {@code @TempDir(factory = ScratchTempDirFactory.class) Path dir}, or for every
 * {@code @TempDir} of a run with the configuration parameter
 *
 * <pre>
 * junit.jupiter.tempdir.factory.default=dev.scratchfs.junit.ScratchTempDirFactory
 * </pre>
 *
 * <p>The directory handed to the test is {@code /junit} in the new file system: JUnit deletes the
 * directory it was given after the test, and the root {@code /} of a scratch file system cannot be
 * deleted. When JUnit is done, {@link #close()} closes the file system, which removes the whole
 * tree, the handles left open included.
 *
 * <p>JUnit's cleanup mode is honoured: with {@code CleanupMode.NEVER} the tree stays on disk, and
 * with {@code ON_SUCCESS} it stays when the test failed; where it is is printed on standard error.
 * For a {@code @TempDir} shared by a whole class (a static field), {@code ON_SUCCESS} sees only
 * failures of the class itself ({@code @BeforeAll}, {@code @AfterAll}), not of its tests: JUnit does
 * not tell a factory about those.
 *
 * <p>The configuration parameters of {@link ScratchExtension} apply: {@value
 * ScratchExtension#LEAKS_PROPERTY_NAME} (default {@code fail}: a handle left open fails the test),
 * {@value ScratchExtension#DIR_PROPERTY_NAME} and {@value ScratchExtension#IN_MEMORY_PROPERTY_NAME}.
 * A {@code @TempDir java.io.File} cannot be given a scratch directory; JUnit refuses it with
 * "temp directory with non-default file system cannot be injected into java.io.File target".
 */
public final class ScratchTempDirFactory implements TempDirFactory {
  /** The name of the directory, in the root of the scratch file system, that the test receives. */
  public static final String DIRECTORY_NAME = "junit";

  private ScratchSpace space;
  private ExtensionContext context;
  private CleanupMode cleanupMode;
  private String element;

  /** Creates a factory for one {@code @TempDir}; JUnit does this. */
  public ScratchTempDirFactory() {}

  @Override
  public Path createTempDirectory(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
    if (space != null) {
      throw new IllegalStateException("a ScratchTempDirFactory makes one directory");
    }
    CleanupMode mode = cleanupMode(elementContext, extensionContext);
    ScratchSettings settings =
        ScratchSettings.fromConfiguration(extensionContext)
            .withKeepOnFailure(mode != CleanupMode.ALWAYS);
    ScratchSpace opened = ScratchSpace.open(settings);
    try {
      Path dir = Files.createDirectory(opened.root().resolve(DIRECTORY_NAME));
      this.space = opened;
      this.context = extensionContext;
      this.cleanupMode = mode;
      this.element = describe(elementContext.getAnnotatedElement());
      return dir;
    } catch (IOException | RuntimeException e) {
      // JUnit closes a factory only after it returned a directory.
      try {
        opened.closeFileSystem();
        opened.removeOrKeep(false);
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Closes the scratch file system, deleting its tree unless the cleanup mode keeps it.
   *
   * @throws dev.scratchfs.LeakedHandlesException if the test left handles open and leaks fail
   * @throws IOException if the tree could not be deleted entirely
   */
  @Override
  public void close() throws IOException {
    if (space == null) {
      return;
    }
    ScratchSpace closing = space;
    space = null;
    IOException failure = null;
    try {
      closing.closeFileSystem();
    } catch (IOException e) {
      failure = e;
    }
    boolean keep =
        cleanupMode == CleanupMode.NEVER
            || failure != null
            || context.getExecutionException().isPresent();
    try {
      Optional<Path> kept = closing.removeOrKeep(keep);
      kept.ifPresent(
          path ->
              System.err.println(
                  "scratchfs: kept the @TempDir of " + element + " (CleanupMode." + cleanupMode
                      + "): " + path));
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static CleanupMode cleanupMode(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext) {
    CleanupMode mode =
        elementContext.findAnnotation(TempDir.class).map(TempDir::cleanup).orElse(CleanupMode.DEFAULT);
    if (mode != CleanupMode.DEFAULT) {
      return mode;
    }
    // JUnit resolves DEFAULT the same way, and also falls back to ALWAYS on a value it cannot read.
    Optional<String> configured =
        extensionContext.getConfigurationParameter(TempDir.DEFAULT_CLEANUP_MODE_PROPERTY_NAME);
    try {
      return configured
          .map(v -> CleanupMode.valueOf(v.trim().toUpperCase(Locale.ROOT)))
          .filter(m -> m != CleanupMode.DEFAULT)
          .orElse(CleanupMode.ALWAYS);
    } catch (IllegalArgumentException e) {
      return CleanupMode.ALWAYS;
    }
  }

  private static String describe(AnnotatedElement element) {
    if (element instanceof Field) {
      Field f = (Field) element;
      return "field " + f.getDeclaringClass().getName() + "." + f.getName();
    }
    if (element instanceof Parameter) {
      Parameter p = (Parameter) element;
      return "parameter '" + p.getName() + "' of " + p.getDeclaringExecutable().toGenericString();
    }
    return String.valueOf(element);
  }
}
