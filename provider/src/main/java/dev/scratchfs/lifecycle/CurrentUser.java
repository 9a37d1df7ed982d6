package dev.scratchfs.lifecycle;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;

/**
 * The user this process runs as, and root, as owners of files on the default file system.
 *
 * <p>On Linux the effective user ID is read from {@code /proc/self/status} and looked up as a
 * number, which works even for a user with no name (a container's arbitrary UID); elsewhere the
 * user is looked up by {@code user.name}. Both are read once: a JVM cannot change its user.
 */
final class CurrentUser {
  private static final int UNKNOWN = -2;
  private static volatile UserPrincipal self;
  private static volatile UserPrincipal root;
  private static volatile int uid = UNKNOWN;

  private CurrentUser() {}

  /**
   * Returns the user this process runs as.
   *
   * @return its principal on the default file system
   * @throws IOException if it cannot be looked up
   */
  static UserPrincipal principal() throws IOException {
    UserPrincipal known = self;
    if (known == null) {
      String uid = linuxEffectiveUid();
      known = lookup(uid != null ? uid : System.getProperty("user.name"));
      self = known;
    }
    return known;
  }

  /**
   * Returns the superuser, who may rename anything anywhere and so is trusted with every directory.
   *
   * @return its principal on the default file system
   * @throws IOException if it cannot be looked up
   */
  static UserPrincipal root() throws IOException {
    UserPrincipal known = root;
    if (known == null) {
      known = lookup(isLinux() ? "0" : "root");
      root = known;
    }
    return known;
  }

  /**
   * Returns the effective user ID where it can be read (Linux), to compare with {@code unix:uid}
   * without a name lookup.
   *
   * @return the user ID, or -1 where it cannot be read
   */
  static int uid() {
    int known = uid;
    if (known == UNKNOWN) {
      String read = linuxEffectiveUid();
      try {
        known = read == null ? -1 : Integer.parseInt(read);
      } catch (NumberFormatException tooLarge) {
        known = -1;
      }
      uid = known;
    }
    return known;
  }

  private static UserPrincipal lookup(String name) throws IOException {
    FileSystem fs = FileSystems.getDefault();
    return fs.getUserPrincipalLookupService().lookupPrincipalByName(name);
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /** The effective UID ("Uid: real effective saved fs"), or null where there is no such file. */
  private static String linuxEffectiveUid() {
    if (!isLinux()) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring("Uid:".length()).trim().split("\\s+");
          return ids.length > 1 && ids[1].matches("[0-9]+") ? ids[1] : null;
        }
      }
    } catch (IOException | RuntimeException noProc) {
      // Looked up by name instead.
    }
    return null;
  }
}
