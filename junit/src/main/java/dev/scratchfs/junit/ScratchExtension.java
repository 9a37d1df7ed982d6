package dev.scratchfs.junit;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * Fills fields and parameters annotated with {@link ScratchDir} with fresh scratch file systems and
 * removes them after the test or class they were made for. Registered by the annotation itself;
 * {@code @ExtendWith(ScratchExtension.class)} works too.
 *
 * <p>Removal happens in {@code afterEach} (for instance fields and the parameters of a test, its
 * constructor and its {@code @BeforeEach}/{@code @AfterEach} methods) or {@code afterAll} (for static
 * fields and {@code @BeforeAll}/{@code @AfterAll} parameters). A handle left open then fails the test
 * (or the class) with the {@link dev.scratchfs.LeakedHandlesException} of {@code close()}, unless
 * leaks are set to something other than {@code fail}.
 *
 * <p>JUnit configuration parameters (e.g. in {@code junit-platform.properties}) give the defaults of
 * every {@code @ScratchDir} of a run, and the settings of {@link ScratchTempDirFactory}:
 *
 * <table>
 *   <caption>Configuration parameters</caption>
 *   <tr><th>name</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@value #LEAKS_PROPERTY_NAME}</td><td>{@code fail}, {@code close}, {@code warn},
 *       {@code ignore}</td><td>{@code fail}</td></tr>
 *   <tr><td>{@value #KEEP_ON_FAILURE_PROPERTY_NAME}</td><td>{@code true}, {@code false}</td><td>
 *       {@code false}</td></tr>
 *   <tr><td>{@value #IN_MEMORY_PROPERTY_NAME}</td><td>{@code true}, {@code false}</td><td>{@code
 *       false}</td></tr>
 *   <tr><td>{@value #DIR_PROPERTY_NAME}</td><td>an existing directory</td><td>{@code
 *       TempFiles.gettempdir()}</td></tr>
 *   <tr><td>{@value ScratchTempDirFactory#TEMPDIR_PROPERTY_NAME} (the factory only)</td><td>{@code
 *       tmp}, {@code disk}</td><td>{@code tmp}</td></tr>
 * </table>
 */
public final class ScratchExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  /** Configuration parameter: the default of {@link ScratchDir#leaks()}. */
  public static final String LEAKS_PROPERTY_NAME = "scratchfs.leaks";

  /** Configuration parameter: the default of {@link ScratchDir#keepOnFailure()}. */
  public static final String KEEP_ON_FAILURE_PROPERTY_NAME = "scratchfs.keepOnFailure";

  /** Configuration parameter: the default of {@link ScratchDir#inMemory()}. */
  public static final String IN_MEMORY_PROPERTY_NAME = "scratchfs.inMemory";

  /** Configuration parameter: the directory scratch roots are created in. */
  public static final String DIR_PROPERTY_NAME = "scratchfs.dir";

  /**
   * Key of the report entry published for each tree kept after a failure; its value is the on-disk
   * directory that was the scratch root {@code /}.
   */
  public static final String KEPT_REPORT_KEY = "scratchfs.kept";

  static final String DEFAULT_LEAKS = "fail";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ScratchExtension.class);

  /** Creates the extension; JUnit does this. */
  public ScratchExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    injectFields(context, null, context.getRequiredTestClass());
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectFields(context, instance, instance.getClass());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    spaces(context).closeAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    spaces(context).closeAll();
  }

  /**
   * Gives constructor parameters the context of the test about to run, so that a scratch directory
   * injected through the constructor is removed after that test, not after the whole class.
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(ScratchDir.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Parameter p = parameter.getParameter();
    String element =
        "parameter '" + p.getName() + "' of " + p.getDeclaringExecutable().toGenericString();
    try {
      return open(parameter.findAnnotation(ScratchDir.class).orElseThrow(), p.getType(), element,
          context);
    } catch (IOException e) {
      throw new ParameterResolutionException("cannot create the scratch directory of " + element, e);
    }
  }

  private void injectFields(ExtensionContext context, Object instance, Class<?> type)
      throws IOException {
    boolean statics = instance == null;
    List<Field> fields =
        AnnotationSupport.findAnnotatedFields(
            type, ScratchDir.class, f -> ModifierSupport.isStatic(f) == statics);
    for (Field field : fields) {
      String element = "field " + field.getDeclaringClass().getName() + "." + field.getName();
      if (ModifierSupport.isFinal(field)) {
        throw new ExtensionConfigurationException("@ScratchDir " + element + " must not be final");
      }
      Object value = open(field.getAnnotation(ScratchDir.class), field.getType(), element, context);
      try {
        field.setAccessible(true);
        field.set(instance, value);
      } catch (IllegalAccessException | RuntimeException e) {
        throw new ExtensionConfigurationException("cannot set @ScratchDir " + element, e);
      }
    }
  }

  private static Object open(
      ScratchDir annotation, Class<?> type, String element, ExtensionContext context)
      throws IOException {
    if (type != Path.class && type != FileSystem.class) {
      throw new ExtensionConfigurationException(
          "@ScratchDir " + element + " has type " + type.getName() + "; it must be "
              + Path.class.getName() + " (the root of the scratch file system) or "
              + FileSystem.class.getName() + ". A scratch directory is not on the default file"
              + " system, so java.io.File cannot reach it; TmpFileSystems.unwrap(path).toFile() gives"
              + " the file on disk, and @TempDir File (with ScratchTempDirFactory) an owner-only"
              + " directory on disk");
    }
    ScratchSpace space = ScratchSpace.open(ScratchSettings.of(annotation, context));
    spaces(context).add(space, element);
    return type == Path.class ? space.root() : space.fileSystem();
  }

  private static OpenSpaces spaces(ExtensionContext context) {
    // Keyed by the context's own id: a store lookup also sees the parents' entries.
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(context.getUniqueId(), id -> new OpenSpaces(context), OpenSpaces.class);
  }

  /**
   * The scratch spaces opened in one extension context, closed together when it ends. Also kept in
   * the context's store, so that JUnit closes whatever an interrupted run left open.
   */
  @SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes
  private static final class OpenSpaces
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ExtensionContext context;
    private final List<ScratchSpace> spaces = new ArrayList<>();
    private final List<String> elements = new ArrayList<>();

    OpenSpaces(ExtensionContext context) {
      this.context = context;
    }

    synchronized void add(ScratchSpace space, String element) {
      spaces.add(space);
      elements.add(element);
    }

    /**
     * Closes every file system, then keeps or deletes the trees: a leak reported by one counts as a
     * failure of the test for all of them, so that they are kept together.
     */
    synchronized void closeAll() throws IOException {
      IOException failure = null;
      for (ScratchSpace space : spaces) {
        try {
          space.closeFileSystem();
        } catch (IOException e) {
          failure = chain(failure, e);
        }
      }
      boolean failed = failure != null || context.getExecutionException().isPresent();
      for (int i = 0; i < spaces.size(); i++) {
        try {
          Optional<Path> kept = spaces.get(i).removeOrKeep(failed);
          if (kept.isPresent()) {
            report(elements.get(i), kept.get());
          }
        } catch (IOException e) {
          failure = chain(failure, e);
        }
      }
      spaces.clear();
      elements.clear();
      if (failure != null) {
        throw failure;
      }
    }

    private void report(String element, Path kept) {
      context.publishReportEntry(KEPT_REPORT_KEY, kept.toString());
      System.err.println(
          "scratchfs: kept the scratch directory of " + element + " (" + context.getDisplayName()
              + " failed): " + kept);
    }

    @Override
    public void close() throws IOException {
      closeAll();
    }

    private static IOException chain(IOException first, IOException next) {
      if (first == null) {
        return next;
      }
      first.addSuppressed(next);
      return first;
    }
  }
}
