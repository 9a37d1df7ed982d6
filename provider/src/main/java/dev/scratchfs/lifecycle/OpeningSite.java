package dev.scratchfs.lifecycle;

/**
 * The stack of the thread that opened a handle, recorded for leak reports. Attached to a leak
 * report as a suppressed exception, it shows the full path to the {@code open} call.
 */
public final class OpeningSite extends Throwable {
  private static final long serialVersionUID = 1L;

  /**
   * Records the current thread's stack.
   *
   * @param message what was opened
   */
  OpeningSite(String message) {
    super(message);
  }

  /**
   * Returns the first frame of the stack that is neither the JDK nor this library: the code that
   * asked for the handle.
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
    if (!className.startsWith("dev.scratchfs.")) {
      return false;
    }
    String rest = className.substring("dev.scratchfs.".length());
    return rest.startsWith("provider.") || rest.startsWith("handle.")
        || rest.startsWith("lifecycle.") || rest.startsWith("quota.") || rest.startsWith("policy.")
        || rest.startsWith("path.") || rest.startsWith("TmpFileSystems")
        || rest.startsWith("TempFiles");
  }
}
