package dev.scratchfs.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exceptions name the {@code tmp:} paths the caller passed, exactly as written (relative stays
 * relative), and never the hidden delegate paths.
 */
class ExceptionPathsTest {
  @TempDir Path testDir;

  private Scratch scratch;
  private String delegateRoot;

  private <T extends FileSystemException> T assertNames(
      Class<T> type, Executable op, String what, String file, String... alsoAllowed) {
    T e = assertThrows(type, op, what);
    assertEquals(type, e.getClass(), what + ": exact type");
    assertEquals(file, e.getFile(), what + ": getFile()");
    Set<String> allowed = new HashSet<>(Arrays.asList(alsoAllowed));
    allowed.add(file);
    if (e.getOtherFile() != null) {
      assertTrue(allowed.contains(e.getOtherFile()), what + ": getOtherFile() " + e.getOtherFile());
    }
    assertFalse(e.getMessage().contains(delegateRoot), what + " leaks the delegate: " + e);
    String container = Path.of(delegateRoot).getParent().getFileName().toString();
    assertFalse(e.getMessage().contains(container), what + " leaks the container: " + e);
    return e;
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void singlePathOperationsNameTheCallersPath(Delegate delegate) throws IOException {
    try (Scratch s = Scratch.open(delegate, testDir)) {
      scratch = s;
      delegateRoot = s.disk(s.path("/")).toString();
      Files.writeString(s.path("/f"), "x");
      Files.createDirectory(s.path("/d"));
      Files.writeString(s.path("/d/in"), "y");
      for (String missing : new String[] {"/missing", "missing", "/d/missing", "d/../missing"}) {
        Path m = s.path(missing);
        assertNames(NoSuchFileException.class, () -> Files.newByteChannel(m), "read " + missing,
            missing);
        assertNames(NoSuchFileException.class, () -> Files.delete(m), "delete " + missing, missing);
        assertNames(NoSuchFileException.class,
            () -> Files.readAttributes(m, BasicFileAttributes.class), "attrs " + missing, missing);
        assertNames(NoSuchFileException.class, () -> Files.readAttributes(m, "posix:*"),
            "attrs string " + missing, missing);
        assertNames(NoSuchFileException.class, () -> Files.size(m), "size " + missing, missing);
        assertNames(NoSuchFileException.class, () -> Files.newDirectoryStream(m),
            "list " + missing, missing);
        assertNames(NoSuchFileException.class, () -> m.toRealPath(), "toRealPath " + missing,
            missing);
        assertNames(NoSuchFileException.class, () -> Files.readSymbolicLink(m),
            "readSymbolicLink " + missing, missing);
        assertNames(NoSuchFileException.class, () -> Files.getPosixFilePermissions(m),
            "getPosixFilePermissions " + missing, missing);
        assertNames(NoSuchFileException.class,
            () -> Files.setPosixFilePermissions(m, Disk.permissions(0600)),
            "setPosixFilePermissions " + missing, missing);
        assertNames(NoSuchFileException.class,
            () -> m.getFileSystem().provider().checkAccess(m, AccessMode.READ),
            "checkAccess " + missing, missing);
        assertNames(NoSuchFileException.class, () -> Files.createDirectory(m.resolve("sub")),
            "createDirectory under " + missing, m.resolve("sub").toString());
        assertNames(NoSuchFileException.class, () -> Files.createFile(m.resolve("sub")),
            "createFile under " + missing, m.resolve("sub").toString());
      }
      assertNames(FileAlreadyExistsException.class, () -> Files.createDirectory(s.path("d")),
          "createDirectory existing", "d");
      assertNames(FileAlreadyExistsException.class, () -> Files.createFile(s.path("/f")),
          "createFile existing", "/f");
      assertNames(DirectoryNotEmptyException.class, () -> Files.delete(s.path("/d")),
          "delete non-empty", "/d");
      assertNames(NotDirectoryException.class, () -> Files.newDirectoryStream(s.path("f")),
          "list a file", "f");
      assertNames(NotLinkException.class, () -> Files.readSymbolicLink(s.path("/f")),
          "readSymbolicLink of a file", "/f");
    }
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void copyAndMoveNameBothCallersPaths(Delegate delegate) throws IOException {
    try (Scratch s = Scratch.open(delegate, testDir)) {
      scratch = s;
      delegateRoot = s.disk(s.path("/")).toString();
      Files.writeString(s.path("/f"), "x");
      Files.writeString(s.path("/g"), "y");
      Files.createDirectories(s.path("/full/inside"));
      for (String[] c : new String[][] {{"/missing", "/t"}, {"missing", "t"}}) {
        assertNames(NoSuchFileException.class, () -> Files.copy(s.path(c[0]), s.path(c[1])),
            "copy " + c[0], c[0], c[1]);
        assertNames(NoSuchFileException.class, () -> Files.move(s.path(c[0]), s.path(c[1])),
            "move " + c[0], c[0], c[1]);
      }
      for (String[] c : new String[][] {{"/f", "/g"}, {"f", "g"}}) {
        assertNames(FileAlreadyExistsException.class,
            () -> Files.copy(s.path(c[0]), s.path(c[1])), "copy onto existing " + c[1], c[1], c[0]);
        assertNames(FileAlreadyExistsException.class,
            () -> Files.move(s.path(c[0]), s.path(c[1])), "move onto existing " + c[1], c[1], c[0]);
      }
      for (String[] c : new String[][] {{"/f", "/nodir/f"}, {"f", "nodir/f"}}) {
        FileSystemException copy = assertThrows(NoSuchFileException.class,
            () -> Files.copy(s.path(c[0]), s.path(c[1])));
        assertNamesOneOf(copy, c);
        FileSystemException move = assertThrows(NoSuchFileException.class,
            () -> Files.move(s.path(c[0]), s.path(c[1])));
        assertNamesOneOf(move, c);
      }
      FileSystemException replaceFull = assertThrows(DirectoryNotEmptyException.class,
          () -> Files.move(s.path("/g"), s.path("/full"), StandardCopyOption.REPLACE_EXISTING));
      assertNamesOneOf(replaceFull, new String[] {"/g", "/full"});
      assertEquals("y", Files.readString(s.path("/g")), "failed move left the source");
    }
  }

  private void assertNamesOneOf(FileSystemException e, String[] callerPaths) {
    Set<String> allowed = Set.of(callerPaths);
    assertTrue(allowed.contains(e.getFile()), e + ": getFile() " + e.getFile());
    if (e.getOtherFile() != null) {
      assertTrue(allowed.contains(e.getOtherFile()), e + ": getOtherFile() " + e.getOtherFile());
    }
    assertFalse(e.getMessage().contains(delegateRoot), "leaks the delegate: " + e);
    assertInstanceOf(FileSystemException.class, e);
  }
}
