package dev.scratchfs.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process, named so that another process can later prove it is gone: the machine's boot, the
 * PID namespace, the process ID and the process's start time. Written into the names of containers
 * while they carry no lock yet or no more ({@link ContainerName}), it is what lets {@link Reaper}
 * remove those without ever removing one whose process still runs.
 *
 * <p>"Gone" is only ever concluded on the same boot of the same machine and in the same PID
 * namespace, where the kernel shows every live process: then no process with that ID, or one with
 * another start time (the ID was reused), proves it. Anything else (another machine sharing the
 * directory, another container, a system without {@code /proc}) proves nothing. The identity is
 * read from Linux's {@code /proc}; elsewhere it is unknown, and an unknown identity never proves
 * anything.
 */
final class ProcessIdentity {
  private static final ProcessIdentity UNKNOWN = new ProcessIdentity("0", 0, 0, 0);
  private static final Pattern TOKEN =
      Pattern.compile("([0-9a-f]{32}|0)-([0-9]{1,19})-([0-9]{1,19})-([0-9]{1,19})");
  private static final Pattern NAMESPACE = Pattern.compile("pid:\\[([0-9]{1,19})]");

  private static volatile ProcessIdentity current;

  /** The boot ID without dashes, or "0" when unknown. */
  private final String boot;
  private final long namespace;
  private final long pid;
  private final long startMillis;
  private final String token;

  private ProcessIdentity(String boot, long namespace, long pid, long startMillis) {
    this.boot = boot;
    this.namespace = namespace;
    this.pid = pid;
    this.startMillis = startMillis;
    this.token = boot + "-" + namespace + "-" + pid + "-" + startMillis;
  }

  /** The regular expression of a {@link #token()}, for names that embed one. */
  static String tokenPattern() {
    return TOKEN.pattern();
  }

  /**
   * Returns this process.
   *
   * @return its identity, {@linkplain #isKnown() unknown} where it cannot be read
   */
  static ProcessIdentity current() {
    ProcessIdentity known = current;
    // Read again if the process ID changed: a JVM restored from a checkpoint is another process.
    if (known == null || known.pid != 0 && known.pid != ProcessHandle.current().pid()) {
      known = read();
      current = known;
    }
    return known;
  }

  private static ProcessIdentity read() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return UNKNOWN;
    }
    try {
      long pid = ProcessHandle.current().pid();
      // /proc must be this process's own: it is where the kernel shows the live processes.
      if (!Files.readSymbolicLink(Path.of("/proc/self")).toString().equals(Long.toString(pid))) {
        return UNKNOWN;
      }
      String boot =
          Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim().replace("-", "");
      Matcher ns =
          NAMESPACE.matcher(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
      Optional<Instant> start = ProcessHandle.current().info().startInstant();
      if (!boot.matches("[0-9a-f]{32}") || !ns.matches() || start.isEmpty()) {
        return UNKNOWN;
      }
      return new ProcessIdentity(
          boot, Long.parseLong(ns.group(1)), pid, start.get().toEpochMilli());
    } catch (IOException | RuntimeException unreadable) {
      return UNKNOWN;
    }
  }

  /**
   * Reads an identity back from its {@link #token()}.
   *
   * @param token what {@link #token()} returned
   * @return the identity; unknown if {@code token} is not one
   */
  static ProcessIdentity parse(String token) {
    Matcher m = TOKEN.matcher(token);
    if (!m.matches() || m.group(1).equals("0")) {
      return UNKNOWN;
    }
    try {
      return new ProcessIdentity(
          m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4)));
    } catch (NumberFormatException tooLarge) {
      return UNKNOWN;
    }
  }

  /**
   * Returns the identity as a name part: {@code BOOT-NAMESPACE-PID-STARTMILLIS}, {@code 0-0-0-0}
   * when unknown.
   *
   * @return the token
   */
  String token() {
    return token;
  }

  /**
   * Tells whether the identity was read (on Linux with its own {@code /proc}).
   *
   * @return true if known
   */
  boolean isKnown() {
    return !boot.equals("0");
  }

  /**
   * Tells whether this process has provably ended: seen from the same boot and PID namespace,
   * no live process has its ID and start time. A zombie (ended, not yet waited for) still counts
   * as running.
   *
   * @return true only if it is certainly gone
   */
  boolean isProvablyGone() {
    ProcessIdentity me = current();
    if (!isKnown() || !me.isKnown() || !boot.equals(me.boot) || namespace != me.namespace) {
      return false;
    }
    if (pid == me.pid) {
      return startMillis != me.startMillis;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return true;
    }
    Optional<Instant> start = process.get().info().startInstant();
    return start.isPresent() && start.get().toEpochMilli() != startMillis;
  }

  @Override
  public String toString() {
    return token();
  }
}
