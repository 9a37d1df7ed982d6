package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TempFile#persist}: the final name is given without ever replacing an existing entry, on one
 * file system (hard link, or move where there are no links) and across file systems (copy, then
 * link), also for nameless {@code temporaryFile}s.
 */
class PersistTest {
  private static final String PAIRS = "dev.scratchfs.tempfile.PersistPair#all";

  private static void write(SeekableByteChannel ch, String s) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(UTF_8));
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static String readAll(SeekableByteChannel ch) throws IOException {
    long position = ch.position();
    ch.position(0);
    ByteBuffer b = ByteBuffer.allocate((int) ch.size());
    while (b.hasRemaining() && ch.read(b) >= 0) {
      // keep reading
    }
    ch.position(position);
    return new String(b.array(), UTF_8);
  }

  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW_LINKS).fileKey();
  }

  /** Names in {@code dir} that look like persist's hidden copies. */
  private static Set<String> hiddenCopies(Path dir) throws IOException {
    Set<String> copies = new TreeSet<>();
    for (String name : Place.names(dir)) {
      if (name.startsWith(".tmp")) {
        copies.add(name);
      }
    }
    return copies;
  }

  @ParameterizedTest
  @MethodSource(PAIRS)
  void mkstempFileGetsTheTargetNameAndStaysOpenOnIt(PersistPair pair) throws IOException {
    Path target = pair.targetDir().resolve("final.dat");
    Path temporary;
    try (TempFile file = TempFiles.mkstemp(".part", "p", pair.sourceDir())) {
      temporary = file.path();
      Object keyBefore = fileKey(temporary);
      write(file, "contents, ");
      file.position(3);

      assertEquals(target.toAbsolutePath(), file.persist(target));

      assertEquals(target.toAbsolutePath(), file.path());
      assertFalse(file.deletesOnClose());
      assertTrue(file.isNamed());
      assertFalse(Files.exists(temporary, NOFOLLOW_LINKS), "the temporary name must be gone");
      assertEquals("contents, ", Files.readString(target));
      assertEquals(Place.FILE_MODE, Place.modeOf(target));
      assertEquals(3, file.position(), "the position is kept");
      if (pair.expect() == PersistPair.Expect.SAME_FILE) {
        assertEquals(keyBefore, fileKey(target), "the same file, renamed, not a copy");
      }
      // Still open, and now on the persisted file.
      file.position(file.size());
      write(file, "more");
      assertEquals("contents, more", Files.readString(target));
    }
    assertEquals("contents, more", Files.readString(target));
    assertEquals(Set.of(), hiddenCopies(pair.targetDir()));
    assertFalse(Files.exists(temporary, NOFOLLOW_LINKS));
  }

  @ParameterizedTest
  @MethodSource(PAIRS)
  void namedTemporaryFileIsNoLongerDeletedOnClose(PersistPair pair) throws IOException {
    Path target = pair.targetDir().resolve("kept.txt");
    try (TempFile file = TempFiles.namedTemporaryFile(null, null, pair.sourceDir(), true)) {
      write(file, "persisted");
      assertTrue(file.deletesOnClose());
      file.persist(target);
      assertFalse(file.deletesOnClose());
    }
    assertEquals("persisted", Files.readString(target));
    assertEquals(Place.FILE_MODE, Place.modeOf(target));
    if (!pair.sourceDir().equals(pair.targetDir())) {
      assertEquals(Set.of(), Place.names(pair.sourceDir()), "nothing left where it was made");
    }
    assertEquals(Set.of("kept.txt"), Place.names(pair.targetDir()));
  }

  @ParameterizedTest
  @MethodSource(PAIRS)
  void aNamelessTemporaryFileIsPersistedByCopying(PersistPair pair) throws IOException {
    Path target = pair.targetDir().resolve("from-nameless");
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7 + 3);
    }
    try (TempFile file = TempFiles.temporaryFile(null, null, pair.sourceDir())) {
      file.newOutputStream().write(data);
      file.position(12_345);
      assertFalse(file.isNamed());

      file.persist(target);

      assertTrue(file.isNamed());
      assertEquals(target.toAbsolutePath(), file.path());
      assertFalse(file.deletesOnClose());
      assertEquals(12_345, file.position());
      assertArrayEquals(data, Files.readAllBytes(target));
      assertEquals(Place.FILE_MODE, Place.modeOf(target));
      file.truncate(10);
      assertEquals(10, Files.size(target), "the file object now works on the persisted file");
    }
    assertEquals(10, Files.size(target));
    assertEquals(Set.of("from-nameless"), Place.names(pair.targetDir()));
  }

  @ParameterizedTest
  @MethodSource(PAIRS)
  void anExistingTargetIsNeverReplacedAndTheFileIsUnchanged(PersistPair pair) throws IOException {
    Path target = Files.writeString(pair.targetDir().resolve("taken"), "the original");
    Object targetKey = fileKey(target);
    try (TempFile named = TempFiles.namedTemporaryFile(".n", "n", pair.sourceDir(), true);
        TempFile nameless = TempFiles.temporaryFile(null, null, pair.sourceDir())) {
      write(named, "named contents");
      named.position(5);
      Path namedPath = named.path();
      write(nameless, "nameless contents");

      assertThrows(FileAlreadyExistsException.class, () -> named.persist(target));
      assertThrows(FileAlreadyExistsException.class, () -> nameless.persist(target));

      assertEquals("the original", Files.readString(target));
      assertEquals(targetKey, fileKey(target));
      assertEquals(namedPath, named.path());
      assertTrue(named.deletesOnClose());
      assertEquals(5, named.position());
      assertEquals("named contents", Files.readString(namedPath));
      assertEquals("named contents", readAll(named));
      assertFalse(nameless.isNamed());
      assertEquals("nameless contents", readAll(nameless));
      assertEquals(Set.of(), hiddenCopies(pair.targetDir()));
    }
    assertEquals(Set.of("taken"), Place.names(pair.targetDir()), "the named file went on close");
  }

  /**
   * Eight threads persist eight different files to one name at the same moment, several rounds:
   * exactly one wins, the others are refused, and the target holds the winner's contents whole.
   */
  @ParameterizedTest
  @MethodSource(PAIRS)
  void ofConcurrentPersistsToOneNameExactlyOneWins(PersistPair pair) throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        Path target = pair.targetDir().resolve("contested-" + round);
        List<TempFile> files = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try {
          for (int i = 0; i < threads; i++) {
            TempFile file = TempFiles.mkstemp(null, "c" + i + "-", pair.sourceDir());
            files.add(file);
            String content = ("contender " + i + ";").repeat(2_000 + i);
            contents.add(content);
            write(file, content);
          }
          CyclicBarrier start = new CyclicBarrier(threads);
          List<Future<Path>> results = new ArrayList<>();
          for (TempFile file : files) {
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      return file.persist(target);
                    }));
          }
          int winner = -1;
          for (int i = 0; i < threads; i++) {
            try {
              assertEquals(target.toAbsolutePath(), results.get(i).get());
              assertEquals(-1, winner, "two persists succeeded");
              winner = i;
            } catch (java.util.concurrent.ExecutionException e) {
              assertTrue(
                  e.getCause() instanceof FileAlreadyExistsException,
                  "a loser must be refused with FileAlreadyExistsException: " + e.getCause());
            }
          }
          assertTrue(winner >= 0, "no persist succeeded");
          assertEquals(contents.get(winner), Files.readString(target));
          for (int i = 0; i < threads; i++) {
            if (i != winner) {
              TempFile loser = files.get(i);
              assertNotEquals(target.toAbsolutePath(), loser.path());
              assertEquals(contents.get(i), Files.readString(loser.path()));
            }
          }
          assertEquals(Set.of(), hiddenCopies(pair.targetDir()));
        } finally {
          for (TempFile file : files) {
            file.close();
            Files.deleteIfExists(file.path());
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource(PAIRS)
  void persistingAgainRenamesThePersistedFile(PersistPair pair) throws IOException {
    Path first = pair.targetDir().resolve("first");
    Path second = pair.targetDir().resolve("second");
    try (TempFile file = TempFiles.mkstemp(null, null, pair.sourceDir())) {
      write(file, "twice");
      file.persist(first);
      assertThrows(FileAlreadyExistsException.class, () -> file.persist(first));
      file.persist(second);
      assertEquals(second.toAbsolutePath(), file.path());
    }
    assertFalse(Files.exists(first, NOFOLLOW_LINKS));
    assertEquals("twice", Files.readString(second));
  }

  @Test
  void aDanglingSymbolicLinkCountsAsAnExistingTarget() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      // The link points at a name in the test's own directory that does not exist.
      Path decoy = Files.createDirectory(place.dir().resolve("decoy"));
      Path link = Files.createSymbolicLink(place.dir().resolve("link"), decoy.resolve("absent"));
      try (TempFile file = TempFiles.mkstemp(null, null, place.dir())) {
        write(file, "must not go through the link");
        assertThrows(FileAlreadyExistsException.class, () -> file.persist(link));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(decoy.resolve("absent"), Files.readSymbolicLink(link));
        assertEquals(Set.of(), Place.names(decoy));
      }
    }
  }

  @Test
  void aClosedFileCannotBePersisted() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      TempFile file = TempFiles.mkstemp(null, null, place.dir());
      Path path = file.path();
      file.close();
      Path target = place.dir().resolve("never");
      assertThrows(ClosedChannelException.class, () -> file.persist(target));
      assertFalse(Files.exists(target, NOFOLLOW_LINKS));
      assertEquals(Set.of(path.getFileName().toString()), place.names());
    }
  }

  @Test
  void aFileClosedByItsScratchFileSystemCannotBePersisted() throws IOException {
    try (Place place = Place.onDefaultFileSystem()) {
      FileSystem scratch = TmpFileSystems.builder().dir(place.dir()).build();
      TempFile file = TempFiles.mkstemp(null, null, scratch.getPath("/"));
      scratch.close();
      Path target = place.dir().resolve("never");
      assertThrows(ClosedChannelException.class, () -> file.persist(target));
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void aMissingTargetDirectoryFailsAndLeavesTheFileAsItWas() throws IOException {
    try (Place place = Place.onDefaultFileSystem();
        FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
      try (TempFile file = TempFiles.namedTemporaryFile(null, null, place.dir(), true)) {
        write(file, "stays");
        Path path = file.path();
        assertThrows(
            NoSuchFileException.class, () -> file.persist(place.dir().resolve("no/such/name")));
        assertThrows(NoSuchFileException.class, () -> file.persist(jimfs.getPath("/no/such")));
        assertEquals(path, file.path());
        assertTrue(file.deletesOnClose());
        assertEquals("stays", Files.readString(path));
      }
      assertEquals(Set.of(), place.names());
    }
  }

  @Test
  void aRootCannotBeTheTarget() throws IOException {
    try (Place place = Place.onDefaultFileSystem();
        TempFile file = TempFiles.mkstemp(null, null, place.dir())) {
      assertThrows(IllegalArgumentException.class, () -> file.persist(Path.of("/")));
      assertTrue(Files.exists(file.path()));
    }
  }

  @Test
  void pathsOfOneScratchFileSystemShareAFileStore() throws IOException {
    try (Place place = Place.onDefaultFileSystem();
        FileSystem scratch = TmpFileSystems.builder().dir(place.dir()).build()) {
      Path a = Files.createDirectory(scratch.getPath("/a"));
      Path b = Files.createDirectory(scratch.getPath("/b"));
      assertEquals(Files.getFileStore(a), Files.getFileStore(b));
      assertEquals(Files.getFileStore(a).hashCode(), Files.getFileStore(b).hashCode());
      try (FileSystem jimfs =
              Jimfs.newFileSystem(
                  Configuration.unix().toBuilder()
                      .setAttributeViews("basic", "owner", "posix")
                      .build());
          FileSystem overJimfs =
              TmpFileSystems.builder().dir(jimfs.getPath("/")).build()) {
        assertNotEquals(Files.getFileStore(a), Files.getFileStore(overJimfs.getPath("/")));
      }
    }
  }
}
