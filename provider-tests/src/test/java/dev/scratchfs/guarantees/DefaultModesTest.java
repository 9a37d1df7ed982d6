package dev.scratchfs.guarantees;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entries created through {@code tmp:} without any permission attribute are {@code rw-------}
 * (files) and {@code rwx------} (directories), read from the delegate itself; so are the container
 * and the root, and files copied or moved in from the default file system whatever their mode there.
 */
class DefaultModesTest {
  @TempDir Path testDir;

  @FunctionalInterface
  interface Creation {
    Path create(Path parent) throws IOException;
  }

  private static Map<String, Creation> fileCreations() {
    Map<String, Creation> c = new LinkedHashMap<>();
    c.put("Files.createFile", d -> Files.createFile(d.resolve("createFile")));
    c.put("Files.newByteChannel", d -> {
      Path p = d.resolve("newByteChannel");
      Files.newByteChannel(p, Set.of(CREATE_NEW, WRITE)).close();
      return p;
    });
    c.put("FileChannel.open", d -> {
      Path p = d.resolve("FileChannel");
      FileChannel.open(p, CREATE_NEW, WRITE).close();
      return p;
    });
    c.put("AsynchronousFileChannel.open", d -> {
      Path p = d.resolve("AsynchronousFileChannel");
      AsynchronousFileChannel.open(p, CREATE_NEW, WRITE).close();
      return p;
    });
    c.put("Files.newOutputStream", d -> {
      Path p = d.resolve("newOutputStream");
      Files.newOutputStream(p).close();
      return p;
    });
    c.put("Files.write", d -> Files.write(d.resolve("write"), new byte[] {1, 2, 3}));
    c.put("Files.writeString", d -> Files.writeString(d.resolve("writeString"), "x"));
    c.put("Files.newBufferedWriter", d -> {
      Path p = d.resolve("newBufferedWriter");
      try (Writer w = Files.newBufferedWriter(p)) {
        w.write("x");
      }
      return p;
    });
    c.put("Files.copy(InputStream, p)", d -> {
      Path p = d.resolve("copyStream");
      Files.copy(new ByteArrayInputStream(new byte[] {1}), p);
      return p;
    });
    c.put("Files.createTempFile(dir, prefix, suffix)", d -> Files.createTempFile(d, "t", ".x"));
    c.put("Files.createTempFile(dir, null, null)", d -> Files.createTempFile(d, null, null));
    c.put("SecureDirectoryStream.newByteChannel", d -> {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
        ((SecureDirectoryStream<Path>) s)
            .newByteChannel(d.getFileSystem().getPath("sds"), Set.of(CREATE_NEW, WRITE))
            .close();
      }
      return d.resolve("sds");
    });
    return c;
  }

  private static Map<String, Creation> directoryCreations() {
    Map<String, Creation> c = new LinkedHashMap<>();
    c.put("Files.createDirectory", d -> Files.createDirectory(d.resolve("createDirectory")));
    c.put("Files.createDirectories (outer)", d -> {
      Files.createDirectories(d.resolve("outer/inner"));
      return d.resolve("outer");
    });
    c.put("Files.createDirectories (inner)", d -> d.resolve("outer/inner"));
    c.put("Files.createTempDirectory(dir, prefix)", d -> Files.createTempDirectory(d, "t"));
    c.put("Files.createTempDirectory(dir, null)", d -> Files.createTempDirectory(d, null));
    return c;
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void entriesCreatedWithoutAttributesAreOwnerOnly(Delegate delegate) throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Path parent = Files.createDirectory(scratch.path("/d"));
      for (Map.Entry<String, Creation> e : fileCreations().entrySet()) {
        assertMode(scratch, e.getValue().create(parent), 0600, e.getKey());
      }
      for (Map.Entry<String, Creation> e : directoryCreations().entrySet()) {
        assertMode(scratch, e.getValue().create(parent), 0700, e.getKey());
      }
      assertMode(scratch, parent, 0700, "/d");
    }
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void containerAndRootAreOwnerOnly(Delegate delegate) throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Path root = scratch.disk(scratch.path("/"));
      Path container = root.getParent();
      assertEquals(scratch.dir(), container.getParent());
      assertEquals(0700, Disk.modeOf(container), "container " + container);
      assertEquals(0700, Disk.modeOf(root), "root " + root);
      assertEquals(0700, Disk.mode(Files.getPosixFilePermissions(scratch.path("/"))), "/ via tmp:");
    }
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void filesCopiedOrMovedInFromTheDefaultFileSystemAreOwnerOnly(Delegate delegate)
      throws IOException {
    Path outside = Files.createDirectory(testDir.resolve("outside"));
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      int n = 0;
      for (int sourceMode : List.of(0777, 0644, 0666, 0755)) {
        for (boolean copyAttributes : List.of(false, true)) {
          Path source = Files.writeString(outside.resolve("f" + n), "data " + n);
          Files.setPosixFilePermissions(source, Disk.permissions(sourceMode));
          assertEquals(sourceMode, Disk.modeOf(source), "precondition: source mode");
          Path target = scratch.path("/copy" + n);
          if (copyAttributes) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
          } else {
            Files.copy(source, target);
          }
          assertMode(scratch, target, 0600,
              "copy of a " + Disk.format(sourceMode) + " file, COPY_ATTRIBUTES=" + copyAttributes);
          assertEquals("data " + n, Files.readString(target));
          n++;
        }
        Path dir = Files.createDirectory(outside.resolve("dir" + n));
        Files.setPosixFilePermissions(dir, Disk.permissions(sourceMode | 0700));
        Path dirTarget = scratch.path("/dircopy" + n);
        Files.copy(dir, dirTarget, StandardCopyOption.COPY_ATTRIBUTES);
        assertMode(scratch, dirTarget, 0700, "copy of a " + Disk.format(sourceMode | 0700) + " dir");

        Path moved = Files.writeString(outside.resolve("m" + n), "moved");
        Files.setPosixFilePermissions(moved, Disk.permissions(sourceMode));
        Path movedTarget = scratch.path("/moved" + n);
        Files.move(moved, movedTarget);
        assertMode(scratch, movedTarget, 0600, "move of a " + Disk.format(sourceMode) + " file");
        n++;
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void aCopyWithinTmpOfASourceWidenedOnTheDelegateIsNoWiderThanTheOwnerBits(Delegate delegate)
      throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      Path file = Files.writeString(scratch.path("/wide"), "w");
      Path dir = Files.createDirectory(scratch.path("/widedir"));
      Files.setPosixFilePermissions(scratch.disk(file), Disk.permissions(0777));
      Files.setPosixFilePermissions(scratch.disk(dir), Disk.permissions(0777));
      Path fileCopy = Files.copy(file, scratch.path("/wide.copy"));
      Path dirCopy = Files.copy(dir, scratch.path("/widedir.copy"));
      for (Path p : List.of(fileCopy, dirCopy)) {
        int mode = Disk.modeOf(scratch.disk(p));
        assertEquals(0, mode & 077, p + " on the delegate is " + Disk.format(mode));
        assertTrue((mode & 0600) == 0600, p + " keeps the owner's rw: " + Disk.format(mode));
      }
    }
  }

  @Test
  void theDefaultFileSystemBuilderIsOwnerOnlyOnDiskAsReadByStat() throws Exception {
    // A second, independent reader of the mode bits: stat(1), not the JDK.
    Path stat = Path.of("/usr/bin/stat");
    assertTrue(Files.isExecutable(stat), "this test needs " + stat);
    try (var fs = TmpFileSystems.builder().dir(testDir).build()) {
      Path file = Files.createFile(fs.getPath("/f"),
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(Disk.permissions(0777)));
      Path dir = Files.createDirectory(fs.getPath("/d"));
      Path root = TmpFileSystems.unwrap(fs.getPath("/"));
      Map<Path, String> expected = new LinkedHashMap<>();
      expected.put(TmpFileSystems.unwrap(file), "700");
      expected.put(TmpFileSystems.unwrap(dir), "700");
      expected.put(root, "700");
      expected.put(root.getParent(), "700");
      for (Map.Entry<Path, String> e : expected.entrySet()) {
        Process p = new ProcessBuilder(stat.toString(), "-c", "%a", e.getKey().toString())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(e.getValue(), out, "stat of " + e.getKey());
      }
    }
  }

  private static void assertMode(Scratch scratch, Path p, int expected, String how)
      throws IOException {
    int onDelegate = Disk.modeOf(scratch.disk(p));
    int throughTmp = Disk.mode(Files.getPosixFilePermissions(p, NOFOLLOW_LINKS));
    assertEquals(Disk.format(expected), Disk.format(onDelegate),
        how + ": mode on " + scratch.delegate() + " of " + p);
    assertEquals(Disk.format(expected), Disk.format(throughTmp), how + ": mode through tmp: of " + p);
  }
}
