package dev.scratchfs.lifecycle;

import java.security.CodeSource;
import java.util.Objects;
import java.util.Set;

/**
 * The stack of the thread that opened a handle, recorded for leak reports. Attached to a leak
 * report as a suppressed exception, it shows the full path to the {@code open} call.
 */
public final class OpeningSite extends Throwable {
  private static final long serialVersionUID = 1L;

  /** The packages and public classes of this library, for frames whose class cannot be loaded. */
  private static final Set<String> LIBRARY_PACKAGES = Set.of(
      "provider", "handle", "lifecycle", "quota", "policy", "path", "io", "tempfile", "doctor");

  private static final Set<String> LIBRARY_CLASSES = Set.of(
      "TmpFileSystems", "TempFiles", "TempFile", "SpooledTempFile", "TempDirectory",
      "LeakedHandlesException");

  /**
   * Records the current thread's stack.
   *
   * @param message what was opened
   */
  OpeningSite(String message) {
    super(message);
  }

  /**
   * Returns the first frame of the stack that is neither the JDK, Guava nor this library: the code
   * that asked for the handle. For a handle that {@code TempFiles} opened on the caller's behalf
   * (or a {@code SpooledTempFile} that rolled over) that is the caller's line, not the library's.
   *
   * @return a frame such as {@code com.example.Job.run(Job.java:42)}, or "unknown"
   */
  public String caller() {
    for (StackTraceElement frame : getStackTrace()) {
      if (!isInternal(frame.getClassName())) {
        return frame.toString();
      }
    }
    return "unknown";
  }

  private static boolean isInternal(String className) {
    if (className.startsWith("java.") || className.startsWith("javax.")
        || className.startsWith("sun.") || className.startsWith("jdk.")
        || className.startsWith("com.google.common.")) {
      return true;
    }
    return className.startsWith("dev.scratchfs.") && isLibrary(className);
  }

  /**
   * Tells a class of this library from one of its users that share the {@code dev.scratchfs}
   * prefix (its own tests, say): by where it was loaded from, or by name where it cannot be loaded.
   */
  private static boolean isLibrary(String className) {
    CodeSource library = codeSource(OpeningSite.class);
    try {
      Class<?> c = Class.forName(className, false, OpeningSite.class.getClassLoader());
      if (library != null && codeSource(c) != null) {
        return Objects.equals(library.getLocation(), codeSource(c).getLocation());
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException notLoadable) {
      // A hidden class (a lambda's) or one of another loader: judge by its name.
    }
    String rest = className.substring("dev.scratchfs.".length());
    int dot = rest.indexOf('.');
    if (dot >= 0) {
      return LIBRARY_PACKAGES.contains(rest.substring(0, dot));
    }
    int nested = rest.indexOf('$');
    return LIBRARY_CLASSES.contains(nested >= 0 ? rest.substring(0, nested) : rest);
  }

  private static CodeSource codeSource(Class<?> c) {
    return c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
  }
}
