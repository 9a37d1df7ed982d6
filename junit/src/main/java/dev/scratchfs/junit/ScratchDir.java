package dev.scratchfs.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fresh scratch file system into a field or parameter of type {@link
 * java.nio.file.FileSystem}, or its root directory {@code /} into one of type {@link
 * java.nio.file.Path}. Each annotated element gets its own file system, for each test: instance
 * fields are injected before each test, parameters when resolved; static fields and parameters of
 * {@code @BeforeAll} methods get one for the whole class. After the test (or the class) it is closed
 * and its tree deleted.
 *
 * <p>The annotation registers {@link ScratchExtension} itself; no {@code @ExtendWith} is needed.
 *
 * <pre>{@code
 * @ScratchDir Path root;                     // tmp:/ of a new scratch file system, per test
 *
 * @Test
 * void writes(@ScratchDir FileSystem fs) {  // another one, for this parameter
 *   ...
 * }
 * }</pre>
 *
 * <p>Each attribute left at its default takes the JUnit configuration parameter named in {@link
 * ScratchExtension}, if set.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ScratchExtension.class)
public @interface ScratchDir {
  /**
   * What closing does about channels, streams and directory streams the test left open: {@code
   * "fail"} (the test fails with a {@link dev.scratchfs.LeakedHandlesException} naming each handle's
   * kind, path and opening line), {@code "close"} or {@code "warn"} (closed, one warning logged),
   * {@code "ignore"} (closed silently). Empty means the configuration parameter {@value
   * ScratchExtension#LEAKS_PROPERTY_NAME}, or {@code "fail"}.
   *
   * @return the leak mode, or empty for the configured one
   */
  String leaks() default "";

  /**
   * Keeps the tree on disk when the test fails (a leak counts as a failure), and says where in a
   * report entry {@value ScratchExtension#KEPT_REPORT_KEY} and on standard error; a passing test's
   * tree is still deleted. False means the configuration parameter {@value
   * ScratchExtension#KEEP_ON_FAILURE_PROPERTY_NAME}, or false. Not possible with {@link #inMemory()}.
   *
   * @return whether to keep the tree of a failed test
   */
  boolean keepOnFailure() default false;

  /**
   * Backs the scratch file system by a new in-memory jimfs file system (unix-like, with the {@code
   * posix} view, so permissions are still owner-only) instead of the disk. Needs {@code
   * com.google.jimfs:jimfs} on the test class path. False means the configuration parameter {@value
   * ScratchExtension#IN_MEMORY_PROPERTY_NAME}, or false.
   *
   * @return whether to keep the files in memory
   */
  boolean inMemory() default false;
}
