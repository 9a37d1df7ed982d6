package dev.scratchfs.doctor;

import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.io.TreeDeleter;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.List;

/**
 * The scratchfs doctor, the provider jar's main class: {@code java -jar
 * scratchfs-provider-VERSION.jar [command]}.
 *
 * <ul>
 *   <li>no command, or {@code check}: prints what it found (Java, provider, temp directory) and runs
 *       the live self-check; exit code 0 if every guarantee held, 1 otherwise;
 *   <li>{@code reap [DIR]}: removes the roots that dead JVMs left in {@code DIR} (default: the temp
 *       directory), see {@link TmpFileSystems#reap}; prints each, exit code 0, or 1 if something
 *       could not be removed;
 *   <li>{@code run -- COMMAND ARGS…}: runs a program with its temporary directory in a fresh
 *       scratch file system (see {@link RunCommand});
 *   <li>{@code help}: usage; an unknown command prints usage with exit code 2.
 * </ul>
 */
public final class Doctor {
  private Doctor() {}

  /**
   * Runs the doctor and exits with its status.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the doctor.
   *
   * @param args the command and its arguments
   * @param out where the report goes
   * @param err where usage errors go
   * @return the exit status: 0 all good, 1 a guarantee failed, 2 bad usage
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "check" : args[0];
    switch (command) {
      case "check":
        return check(out);
      case "reap":
        return reap(args, out, err);
      case "run":
        return RunCommand.run(runArguments(args), err);
      case "help":
      case "--help":
      case "-h":
        usage(out);
        return 0;
      default:
        err.println("scratchfs doctor: unknown command '" + command + "'");
        usage(err);
        return 2;
    }
  }

  private static int reap(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 2) {
      err.println("scratchfs doctor reap: one directory at most");
      usage(err);
      return 2;
    }
    Path dir;
    try {
      dir = args.length == 2 ? Path.of(args[1]) : TempFiles.gettempdir();
    } catch (RuntimeException e) {
      err.println("scratchfs doctor reap: " + e.getMessage());
      return 2;
    }
    try {
      List<Path> removed = TmpFileSystems.reap(dir);
      for (Path root : removed) {
        out.println("removed " + root);
      }
      out.println("reaped " + removed.size() + " abandoned root" + (removed.size() == 1 ? "" : "s")
          + " in " + dir);
      return 0;
    } catch (IOException e) {
      err.println("scratchfs doctor reap: " + e.getMessage());
      return 1;
    }
  }

  /** The words after {@code run}, without the optional {@code --} that separates them. */
  private static List<String> runArguments(String[] args) {
    int from = args.length > 1 && args[1].equals("--") ? 2 : 1;
    return List.of(args).subList(from, args.length);
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar scratchfs-provider.jar [check | reap [DIR] | run -- COMMAND [ARGS...] | help]");
    out.println("  check   report the environment and run the live self-check (default)");
    out.println("  reap    remove the roots that killed JVMs left in DIR (default: the temp dir)");
    out.println("  run     run COMMAND with TMPDIR, TEMP and TMP set to a fresh owner-only");
    out.println("          directory, removed when it ends; its exit code is passed through");
    out.println("  help    this text");
  }

  private static int check(PrintStream out) {
    String version = Doctor.class.getPackage().getImplementationVersion();
    out.println("scratchfs doctor " + (version == null ? "(development build)" : version));
    out.println("  java       " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vendor") + ") " + System.getProperty("java.home"));
    out.println("  os         " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    out.println("  provider   " + providerLine());
    out.println("  posix      " + (OwnerOnlyPermissions.appliesTo(FileSystems.getDefault())
        ? "yes: owner-only modes are enforced" : "no: this file system has no permissions"));
    Path tempDir;
    try {
      tempDir = TempFiles.gettempdir();
      out.println("  temp dir   " + tempDir + " (TMPDIR, TEMP, TMP, /tmp, /var/tmp, /usr/tmp, cwd)");
    } catch (RuntimeException e) {
      out.println("  temp dir   none usable: " + e.getMessage());
      out.println("0 passed, 1 failed");
      return 1;
    }
    out.println("self-check");
    Path work = null;
    try {
      work = OwnerOnlyPermissions.appliesTo(tempDir.getFileSystem())
          ? Files.createTempDirectory(tempDir, "scratchfs-doctor-",
              PosixFilePermissions.asFileAttribute(OwnerOnlyPermissions.DIRECTORY))
          : Files.createTempDirectory(tempDir, "scratchfs-doctor-");
      return new SelfCheck(work, out).run() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      out.println("  FAIL  the self-check could not run: " + e);
      return 1;
    } finally {
      if (work != null) {
        try {
          TreeDeleter.deleteTree(work);
        } catch (IOException e) {
          out.println("  warning: could not remove the self-check's directory: " + e.getMessage());
        }
      }
    }
  }

  private static String providerLine() {
    return FileSystemProvider.installedProviders().stream()
        .filter(p -> p.getScheme().equals("tmp"))
        .findFirst()
        .map(p -> "tmp: installed (" + p.getClass().getName() + ")")
        .orElse("tmp: NOT installed — is the jar on the class or module path?")
        + "; schemes: " + Arrays.toString(
            FileSystemProvider.installedProviders().stream().map(FileSystemProvider::getScheme)
                .toArray());
  }
}
