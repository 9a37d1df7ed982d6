package dev.scratchfs.guarantees;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every one of the 512 permission sets from {@code ---------} to {@code rwxrwxrwx}, and every
 * way of creating an entry or setting its mode through {@code tmp:}, the entry's mode read back from
 * the delegate itself (the real disk, or jimfs) and through the {@code tmp:} path is the request
 * intersected with {@code rwx------}.
 *
 * <p>The tests run as root with a umask that only clears group and other bits, so a correct result
 * is exact, not merely "no wider".
 */
class RequestedModesTest {
  private static final int OWNER_BITS = 0700;

  @TempDir Path testDir;

  /** Creates or changes the entry {@code name} in {@code parent} asking for {@code requested}. */
  @FunctionalInterface
  interface ModeSetter {
    Path apply(Scratch scratch, Path parent, String name, Set<PosixFilePermission> requested)
        throws IOException;
  }

  static Stream<Arguments> settersOverBothDelegates() {
    List<Arguments> cases = new ArrayList<>();
    for (Delegate d : Delegate.values()) {
      setters(d).forEach((name, setter) -> cases.add(arguments(d, name, setter)));
    }
    return cases.stream();
  }

  private static java.util.Map<String, ModeSetter> setters(Delegate delegate) {
    java.util.Map<String, ModeSetter> s = new java.util.LinkedHashMap<>();
    s.put("Files.createFile(p, attr)", (x, dir, n, r) -> Files.createFile(dir.resolve(n), attr(r)));
    s.put("Files.createDirectory(p, attr)",
        (x, dir, n, r) -> Files.createDirectory(dir.resolve(n), attr(r)));
    s.put("Files.createDirectories(p, attr)",
        (x, dir, n, r) -> Files.createDirectories(dir.resolve(n), attr(r)));
    s.put("Files.newByteChannel(p, CREATE_NEW+WRITE, attr)",
        (x, dir, n, r) -> {
          Path p = dir.resolve(n);
          Files.newByteChannel(p, Set.of(CREATE_NEW, WRITE), attr(r)).close();
          return p;
        });
    s.put("Files.newByteChannel(p, CREATE+WRITE, attr)",
        (x, dir, n, r) -> {
          Path p = dir.resolve(n);
          Files.newByteChannel(p, Set.of(CREATE, WRITE), attr(r)).close();
          return p;
        });
    s.put("FileChannel.open(p, CREATE_NEW+WRITE, attr)",
        (x, dir, n, r) -> {
          Path p = dir.resolve(n);
          FileChannel.open(p, Set.of(CREATE_NEW, WRITE), attr(r)).close();
          return p;
        });
    s.put("AsynchronousFileChannel.open(p, CREATE_NEW+WRITE, attr)",
        (x, dir, n, r) -> {
          Path p = dir.resolve(n);
          AsynchronousFileChannel.open(p, Set.of(CREATE_NEW, WRITE), null, attr(r)).close();
          return p;
        });
    s.put("Files.createTempFile(dir, prefix, suffix, attr)",
        (x, dir, n, r) -> Files.createTempFile(dir, n, ".tmp", attr(r)));
    s.put("Files.createTempDirectory(dir, prefix, attr)",
        (x, dir, n, r) -> Files.createTempDirectory(dir, n, attr(r)));
    s.put("SecureDirectoryStream.newByteChannel(name, CREATE_NEW+WRITE, attr)",
        (x, dir, n, r) -> {
          try (SecureDirectoryStream<Path> sds = secure(dir)) {
            sds.newByteChannel(dir.getFileSystem().getPath(n), Set.of(CREATE_NEW, WRITE), attr(r))
                .close();
          }
          return dir.resolve(n);
        });
    s.put("Files.setPosixFilePermissions(file)",
        (x, dir, n, r) -> Files.setPosixFilePermissions(existingFile(dir), r));
    s.put("Files.setPosixFilePermissions(directory)",
        (x, dir, n, r) -> Files.setPosixFilePermissions(existingDirectory(dir), r));
    s.put("Files.setAttribute(p, \"posix:permissions\")",
        (x, dir, n, r) -> Files.setAttribute(existingFile(dir), "posix:permissions", r));
    s.put("Files.setAttribute(dir, \"posix:permissions\")",
        (x, dir, n, r) ->
            Files.setAttribute(existingDirectory(dir), "posix:permissions", r));
    if (delegate == Delegate.DEFAULT) {
      // jimfs's "unix" view is read-only; over it these attributes are the delegate's refusal.
      s.put("Files.setAttribute(p, \"unix:permissions\")",
          (x, dir, n, r) ->
              Files.setAttribute(existingFile(dir), "unix:permissions", r));
      s.put("Files.setAttribute(p, \"unix:mode\", int)",
          (x, dir, n, r) ->
              Files.setAttribute(existingFile(dir), "unix:mode", Disk.mode(r)));
    }
    s.put("getFileAttributeView(p, PosixFileAttributeView).setPermissions",
        (x, dir, n, r) -> {
          Path p = existingFile(dir);
          Files.getFileAttributeView(p, PosixFileAttributeView.class).setPermissions(r);
          return p;
        });
    s.put("getFileAttributeView(dir, PosixFileAttributeView, NOFOLLOW_LINKS).setPermissions",
        (x, dir, n, r) -> {
          Path p = existingDirectory(dir);
          Files.getFileAttributeView(p, PosixFileAttributeView.class, NOFOLLOW_LINKS)
              .setPermissions(r);
          return p;
        });
    s.put("SecureDirectoryStream.getFileAttributeView(name, Posix).setPermissions",
        (x, dir, n, r) -> {
          Path p = existingFile(dir);
          try (SecureDirectoryStream<Path> sds = secure(dir)) {
            sds.getFileAttributeView(
                    p.getFileName(), PosixFileAttributeView.class, NOFOLLOW_LINKS)
                .setPermissions(r);
          }
          return p;
        });
    s.put("SecureDirectoryStream.getFileAttributeView(Posix).setPermissions (the directory itself)",
        (x, dir, n, r) -> {
          Path p = existingDirectory(dir);
          try (SecureDirectoryStream<Path> sds = secure(p)) {
            sds.getFileAttributeView(PosixFileAttributeView.class).setPermissions(r);
          }
          return p;
        });
    s.put("Files.copy(file, COPY_ATTRIBUTES) within tmp: after widening the source on the delegate",
        (x, dir, n, r) -> {
          Path source = Files.createFile(dir.resolve(n + ".src"));
          Files.setPosixFilePermissions(x.disk(source), r);
          return Files.copy(source, dir.resolve(n), StandardCopyOption.COPY_ATTRIBUTES);
        });
    s.put("Files.copy(directory, COPY_ATTRIBUTES) within tmp: after widening the source on the"
            + " delegate",
        (x, dir, n, r) -> {
          Path source = Files.createDirectory(dir.resolve(n + ".src"));
          Files.setPosixFilePermissions(x.disk(source), r);
          return Files.copy(source, dir.resolve(n), StandardCopyOption.COPY_ATTRIBUTES);
        });
    return s;
  }

  /**
   * The one file that mode-changing setters change again and again: a change is checked against the
   * request each time, so a fresh file per request would add nothing but time.
   */
  private static Path existingFile(Path dir) throws IOException {
    Path p = dir.resolve("changed-file");
    return Files.exists(p) ? p : Files.createFile(p);
  }

  private static Path existingDirectory(Path dir) throws IOException {
    Path p = dir.resolve("changed-dir");
    return Files.exists(p) ? p : Files.createDirectory(p);
  }

  private static FileAttribute<Set<PosixFilePermission>> attr(Set<PosixFilePermission> r) {
    return PosixFilePermissions.asFileAttribute(r);
  }

  private static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(dir);
    assertTrue(
        stream instanceof SecureDirectoryStream,
        "expected a SecureDirectoryStream over this delegate, got " + stream.getClass());
    return (SecureDirectoryStream<Path>) stream;
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("settersOverBothDelegates")
  void everyRequestedModeEndsUpAsTheRequestIntersectedWithTheOwnerBits(
      Delegate delegate, String how, ModeSetter setter) throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Path parent = Files.createDirectory(scratch.path("/d"));
      List<String> wrong = new ArrayList<>();
      for (int requested = 0; requested <= 0777; requested++) {
        Path p = setter.apply(scratch, parent, "e" + Integer.toOctalString(requested),
            Disk.permissions(requested));
        int expected = requested & OWNER_BITS;
        int onDelegate = Disk.modeOf(scratch.disk(p));
        int throughTmp = Disk.mode(Files.getPosixFilePermissions(p, NOFOLLOW_LINKS));
        if (onDelegate != expected || throughTmp != expected) {
          wrong.add(String.format("requested %s: on %s %s, through tmp: %s, expected %s",
              Disk.format(requested), delegate, Disk.format(onDelegate), Disk.format(throughTmp),
              Disk.format(expected)));
        }
      }
      assertEquals(
          List.of(), wrong.subList(0, Math.min(8, wrong.size())),
          how + ": " + wrong.size() + " of 512 requests ended with the wrong mode; the first ones");
    }
  }
}
