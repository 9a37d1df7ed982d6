package dev.scratchfs.guarantees;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the tests read from the real file system underneath a scratch file system: directory
 * listings and mode bits, never through the {@code tmp:} provider.
 */
public final class Disk {
  /** The permission bits in the order of {@code ls -l}, bit 8 (owner read) first. */
  private static final PosixFilePermission[] BY_BIT = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ,
  };

  private Disk() {}

  /** Returns the names in {@code dir}, sorted; links are listed, not followed. */
  public static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      TreeSet<String> names = new TreeSet<>();
      entries.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }

  /** Returns every path below {@code dir} relative to it, without following links, sorted. */
  public static List<String> tree(Path dir) throws IOException {
    List<String> result = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(p -> result.add(dir.relativize(p).toString()));
    }
    result.sort(null);
    return result;
  }

  /** Returns the permission set of a numeric mode such as {@code 0754}. */
  public static Set<PosixFilePermission> permissions(int mode) {
    EnumSet<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << bit)) != 0) {
        result.add(BY_BIT[bit]);
      }
    }
    return result;
  }

  /** Returns the numeric mode of a permission set. */
  public static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (int bit = 0; bit < 9; bit++) {
      if (permissions.contains(BY_BIT[bit])) {
        mode |= 1 << bit;
      }
    }
    return mode;
  }

  /** Returns the mode bits of the entry itself (links not followed) read from its file system. */
  public static int modeOf(Path path) throws IOException {
    return mode(Files.getPosixFilePermissions(path, NOFOLLOW_LINKS));
  }

  /** Formats a mode as in {@code ls -l} for messages, e.g. {@code rwxr-x---}. */
  public static String format(int mode) {
    return java.nio.file.attribute.PosixFilePermissions.toString(permissions(mode));
  }

  /** A fresh in-memory Unix file system with the posix and unix attribute views. */
  public static FileSystem newJimfs() {
    return Jimfs.newFileSystem(
        Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build());
  }
}
