package dev.scratchfs.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.guarantees.Disk;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed URIs and options given to {@code newFileSystem}, and misuse of named file systems, are
 * refused with the right exception, a message naming the problem, and nothing created on disk.
 * ({@code getFileSystem} and {@code Path.of} on malformed URIs, and the shared {@code tmp:/} file
 * system, are tested in a child JVM by {@code ShutdownCleanupTest}, so that a bug cannot leave the
 * shared file system in this JVM's temporary directory.)
 */
class BadFileSystemRequestsTest {
  @TempDir Path testDir;
  private Path work;
  private FileSystemProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    work = Files.createDirectory(testDir.resolve("work"));
    Files.writeString(work.resolve("existing"), "x");
    provider = FileSystemProvider.installedProviders().stream()
        .filter(p -> p.getScheme().equals("tmp"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("tmp: provider not installed"));
  }

  /** Runs {@code op}, expects {@code type} with all {@code named} in the message, and no change. */
  private <T extends Throwable> T refused(
      Class<T> type, Executable op, String what, String... named) throws IOException {
    Set<String> workBefore = Disk.names(work);
    Set<String> testDirBefore = Disk.names(testDir);
    T e = assertThrows(type, op, what);
    assertEquals(type, e.getClass(), what + ": " + e);
    for (String n : named) {
      assertTrue(String.valueOf(e.getMessage()).contains(n),
          what + ": message should name '" + n + "': " + e.getMessage());
    }
    assertEquals(workBefore, Disk.names(work), what + ": nothing created in dir");
    assertEquals(testDirBefore, Disk.names(testDir), what + ": nothing created beside dir");
    return e;
  }

  private Map<String, Object> env() {
    return new HashMap<>(Map.of("dir", work));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmp:x", "tmp:/a", "tmp:/a/", "tmp://u@h/", "tmp://h:1/", "tmp:/?q",
      "tmp:/#f", "tmp://n/x", "tmp://anonymous-1/", "tmp://anonymous-x/", "other:/", "file:/"})
  void malformedUrisAreRefusedByNewFileSystem(String uri) throws IOException {
    Map<String, Object> env = env();
    // A reserved name is named by itself; every other problem by the whole URI.
    String named = uri.contains("anonymous-") ? URI.create(uri).getAuthority() : uri;
    refused(IllegalArgumentException.class, () -> provider.newFileSystem(URI.create(uri), env),
        "provider.newFileSystem(" + uri + ")", named);
    if (uri.startsWith("tmp:")) {
      refused(IllegalArgumentException.class,
          () -> FileSystems.newFileSystem(URI.create(uri), env),
          "FileSystems.newFileSystem(" + uri + ")", named);
    }
  }

  @Test
  void theReservedPrefixIsNamedInTheMessage() throws IOException {
    refused(IllegalArgumentException.class,
        () -> TmpFileSystems.builder().dir(work).name("anonymous-7").build(), "reserved",
        "anonymous-", "reserved");
  }

  @Test
  void badOptionsAreRefusedNamingTheKeyAndValue() throws IOException {
    List<Object[]> cases = List.of(
        new Object[] {Map.of("dir", work, "colour", "blue"), "colour"},
        new Object[] {Map.of("dir", work, "Dir", work), "Dir"},
        new Object[] {Map.of("dir", 42), "dir", "java.lang.Integer"},
        new Object[] {Map.of("dir", work.toFile()), "dir", "java.io.File"},
        new Object[] {Map.of("dir", ""), "dir"},
        new Object[] {Map.of("dir", work, "prefix", "a/b"), "prefix", "a/b"},
        new Object[] {Map.of("dir", work, "prefix", "../x"), "prefix", "../x"},
        new Object[] {Map.of("dir", work, "prefix", "a\0b"), "prefix", "NUL"},
        new Object[] {Map.of("dir", work, "suffix", "/x"), "suffix", "/x"},
        new Object[] {Map.of("dir", work, "suffix", "\0"), "suffix", "NUL"},
        new Object[] {Map.of("dir", work, "prefix", 7), "prefix", "java.lang.Integer"},
        new Object[] {Map.of("dir", work, "suffix", List.of()), "suffix"},
        new Object[] {Map.of("dir", work, "cleanup", "maybe"), "cleanup", "maybe"},
        new Object[] {Map.of("dir", work, "cleanup", 1), "cleanup", "1"});
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      Map<String, Object> env = (Map<String, Object>) c[0];
      String[] named = new String[c.length - 1];
      for (int i = 1; i < c.length; i++) {
        named[i - 1] = (String) c[i];
      }
      refused(IllegalArgumentException.class,
          () -> FileSystems.newFileSystem(URI.create("tmp:/"), env), "env " + env, named);
    }
    refused(IllegalArgumentException.class,
        () -> TmpFileSystems.builder().dir(work).prefix("x/y").build(), "builder prefix", "prefix");
    refused(IllegalArgumentException.class,
        () -> TmpFileSystems.builder().dir(work).suffix("x\0").build(), "builder suffix", "suffix");
  }

  @Test
  void aMissingDirIsNoSuchFileAndAFileIsNotADirectory() throws IOException {
    Path missing = work.resolve("missing");
    NoSuchFileException noDir = refused(NoSuchFileException.class,
        () -> TmpFileSystems.builder().dir(missing).build(), "missing dir", missing.toString());
    assertEquals(missing.toString(), noDir.getFile());
    refused(NoSuchFileException.class,
        () -> FileSystems.newFileSystem(URI.create("tmp:/"), Map.of("dir", missing.toString())),
        "missing dir as a String", missing.toString());
    Path file = work.resolve("existing");
    NotDirectoryException notDir = refused(NotDirectoryException.class,
        () -> TmpFileSystems.builder().dir(file).build(), "dir is a file", file.toString());
    assertEquals(file.toString(), notDir.getFile());
    assertEquals("x", Files.readString(file), "the file is untouched");
  }

  @Test
  void newFileSystemFromAPathIsUnsupported() throws IOException {
    Path file = work.resolve("existing");
    refused(UnsupportedOperationException.class, () -> provider.newFileSystem(file, Map.of()),
        "newFileSystem(Path)", "not opened from a file");
    assertEquals("x", Files.readString(file));
  }

  @Test
  void aNameCanBeOpenOnlyOnceAndIsForgottenOnClose() throws IOException {
    String name = "badinput-" + UUID.randomUUID();
    URI uri = URI.create("tmp://" + name + "/");
    refused(FileSystemNotFoundException.class, () -> FileSystems.getFileSystem(uri),
        "unknown name", name);
    refused(FileSystemNotFoundException.class, () -> Path.of(URI.create("tmp://" + name + "/x")),
        "Path.of unknown name", name);
    FileSystem fs = TmpFileSystems.builder().dir(work).name(name).build();
    try {
      assertEquals(fs, FileSystems.getFileSystem(uri));
      refused(FileSystemAlreadyExistsException.class,
          () -> TmpFileSystems.builder().dir(work).name(name).build(), "second builder", name);
      refused(FileSystemAlreadyExistsException.class,
          () -> FileSystems.newFileSystem(uri, Map.of("dir", work)), "second newFileSystem", name);
      assertEquals(fs, FileSystems.getFileSystem(uri), "the first one is still registered");
      assertTrue(fs.isOpen());
    } finally {
      fs.close();
    }
    refused(FileSystemNotFoundException.class, () -> FileSystems.getFileSystem(uri),
        "closed name", name);
    refused(FileSystemNotFoundException.class, () -> Path.of(URI.create("tmp://" + name + "/x")),
        "Path.of closed name", name);
    assertEquals(Set.of("existing"), Disk.names(work));
  }
}
