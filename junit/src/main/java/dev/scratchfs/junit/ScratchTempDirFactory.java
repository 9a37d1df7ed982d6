package dev.scratchfs.junit;

import dev.scratchfs.TmpFileSystems;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * A {@link TempDirFactory} that puts each {@code @TempDir} in a fresh, private scratch file system.
 * Either per annotation, {@code @TempDir(factory = ScratchTempDirFactory.class) Path dir}, or for
 * every {@code @TempDir} of a run with the configuration parameter
 *
 * <pre>
 * junit.jupiter.tempdir.factory.default=dev.scratchfs.junit.ScratchTempDirFactory
 * </pre>
 *
 * <p>What a {@code @TempDir} gets depends on its type and on the configuration parameter {@value
 * #TEMPDIR_PROPERTY_NAME}:
 *
 * <table>
 *   <caption>What each {@code @TempDir} gets</caption>
 *   <tr><th>{@value #TEMPDIR_PROPERTY_NAME}</th><th>{@code @TempDir Path}</th>
 *       <th>{@code @TempDir File}</th></tr>
 *   <tr><td>{@code tmp} (default)</td><td>the {@code tmp:} path {@value #DIRECTORY}</td>
 *       <td>the on-disk directory {@code root/}{@value #DISK_DIRECTORY_NAME}</td></tr>
 *   <tr><td>{@code disk}</td><td>the on-disk directory {@code root/}{@value #DISK_DIRECTORY_NAME}</td>
 *       <td>the on-disk directory {@code root/}{@value #DISK_DIRECTORY_NAME}</td></tr>
 * </table>
 *
 * <p>Each is made in a new scratch file system of its own, so it lies in a private container
 * ({@code rwx------}, an unpredictable name, one entry of {@code scratchfs.dir}), is owner-only
 * whatever the umask, and is removed with the container by the file system's link-safe cleanup when
 * JUnit closes this factory. Only a {@code tmp:} path also gets confinement of every path and leak
 * checks; an on-disk directory is a plain default-file-system path that {@code java.io} and NIO use
 * unchecked, as JUnit's own {@code @TempDir}. JUnit itself insists on the default file system for a
 * {@code File} target, hence its directory on disk in both modes.
 *
 * <p>In {@code tmp} mode the directory is {@value #DIRECTORY}, not the root {@code /}: JUnit deletes
 * the directory it was given, and the root of a scratch file system cannot be deleted. Its string
 * names no directory on a host: {@code /dev/null} is a device everywhere, so nothing can exist below
 * it, and code that misuses the string as a host path fails instead of reaching a real directory.
 *
 * <p>JUnit's cleanup mode is honoured: the tree is kept exactly when JUnit keeps the directory
 * ({@code CleanupMode.NEVER}, or {@code ON_SUCCESS} after a failure), and where it is is printed on
 * standard error.
 *
 * <p>The configuration parameters of {@link ScratchExtension} apply too: {@value
 * ScratchExtension#LEAKS_PROPERTY_NAME} (default {@code fail}: a handle left open in a {@code tmp:}
 * directory fails the test), {@value ScratchExtension#DIR_PROPERTY_NAME} and {@value
 * ScratchExtension#IN_MEMORY_PROPERTY_NAME} (for {@code tmp:} paths; a {@code File} is always on
 * disk, and {@code disk} mode with in-memory backing is a configuration error).
 */
public final class ScratchTempDirFactory implements TempDirFactory {
  /**
   * Configuration parameter: {@code tmp} (the default) gives a {@code @TempDir Path} a {@code tmp:}
   * path, {@code disk} gives every {@code @TempDir} an on-disk directory in the private container.
   */
  public static final String TEMPDIR_PROPERTY_NAME = "scratchfs.tempdir";

  /** The {@code tmp:} path of the directory a {@code @TempDir Path} receives in {@code tmp} mode. */
  public static final String DIRECTORY = "/dev/null/junit";

  /**
   * The name of the on-disk directory, in the container's {@code root/}, that a {@code @TempDir
   * File}, or any {@code @TempDir} in {@code disk} mode, receives.
   */
  public static final String DISK_DIRECTORY_NAME = "junit";

  private ScratchSpace space;
  private ExtensionContext context;
  private CleanupMode cleanupMode;
  private String element;
  private Path handedOut;
  private Path handedOutOnDisk;

  /** Creates a factory for one {@code @TempDir}; JUnit does this. */
  public ScratchTempDirFactory() {}

  /**
   * Creates the scratch file system and, in it, the directory for the annotated element.
   *
   * @return a {@code tmp:} path, or an on-disk directory for a {@code File} and in {@code disk} mode
   * @throws ExtensionConfigurationException if a configuration parameter has a bad value
   * @throws IOException if the scratch file system or the directory cannot be created
   */
  @Override
  public Path createTempDirectory(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
    if (space != null) {
      throw new IllegalStateException("a ScratchTempDirFactory makes one directory");
    }
    TempDirMode mode = TempDirMode.fromConfiguration(extensionContext);
    CleanupMode cleanup = cleanupMode(elementContext, extensionContext);
    ScratchSettings settings =
        ScratchSettings.fromConfiguration(extensionContext)
            .withKeepOnFailure(cleanup != CleanupMode.ALWAYS);
    boolean onDisk =
        mode == TempDirMode.DISK || targetType(elementContext.getAnnotatedElement()) == File.class;
    if (onDisk) {
      if (mode == TempDirMode.DISK && settings.inMemory()) {
        throw new ExtensionConfigurationException(
            "configuration parameters " + TEMPDIR_PROPERTY_NAME + "=disk and "
                + ScratchExtension.IN_MEMORY_PROPERTY_NAME + "=true contradict each other: drop one");
      }
      settings = settings.onDisk();
    }
    ScratchSpace opened = ScratchSpace.open(settings);
    try {
      Path dir;
      if (onDisk) {
        dir = TmpFileSystems.unwrap(
            Files.createDirectory(opened.root().resolve(DISK_DIRECTORY_NAME)));
        this.handedOutOnDisk = dir;
      } else {
        dir = Files.createDirectories(opened.fileSystem().getPath(DIRECTORY));
        this.handedOutOnDisk = TmpFileSystems.unwrap(dir);
      }
      this.space = opened;
      this.context = extensionContext;
      this.cleanupMode = cleanup;
      this.element = describe(elementContext.getAnnotatedElement());
      this.handedOut = dir;
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
   * Closes the scratch file system, deleting its tree unless JUnit kept the directory.
   *
   * @throws dev.scratchfs.LeakedHandlesException if the test left handles open in a {@code tmp:}
   *     directory and leaks fail
   * @throws IOException if the tree could not be deleted entirely
   */
  @Override
  public void close() throws IOException {
    if (space == null) {
      return;
    }
    ScratchSpace closing = space;
    space = null;
    // JUnit has cleaned up before it closes the factory, or left the directory on purpose: what it
    // kept is kept, so the decision stays JUnit's (it also knows about failed tests of a class).
    boolean keep = cleanupMode != CleanupMode.ALWAYS && stillThere(handedOut);
    IOException failure = null;
    try {
      closing.closeFileSystem();
    } catch (IOException e) {
      failure = e;
    }
    try {
      Optional<Path> kept = closing.removeOrKeep(keep);
      if (kept.isPresent()) {
        System.err.println(
            "scratchfs: kept the @TempDir of " + element + " (CleanupMode." + cleanupMode + "): "
                + handedOutOnDisk);
      }
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

  private static boolean stillThere(Path dir) {
    try {
      return Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    } catch (ClosedFileSystemException e) {
      return false; // the test closed the scratch file system itself, which deleted everything
    }
  }

  /** The declared type of a {@code @TempDir} field or parameter. */
  private static Class<?> targetType(AnnotatedElement element) {
    if (element instanceof Field) {
      return ((Field) element).getType();
    }
    if (element instanceof Parameter) {
      return ((Parameter) element).getType();
    }
    return Path.class;
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
