package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, class 3: every operation that produces a symbolic link keeps it inside the root it
 * lands in, not only {@code createSymbolicLink}.
 *
 * <p>Decision: a link moved or copied where its target would lead out is either refused with a
 * {@link FileSystemException} (into another file system also with a {@link
 * ProviderMismatchException}, as {@code createSymbolicLink} refuses a target there; the source then
 * stays where it was) or stored with an equivalent target that stays inside; the tests accept
 * both and check the result on disk and through {@code tmp:}: the stored target resolves inside the
 * destination root, and no read, write, create or delete through the link reaches the decoy (or
 * the other file system's files).
 *
 * <p>Layout on disk: {@code testDir/work} holds the containers, {@code testDir/decoy} is the decoy.
 * A relative link {@code /a/b/c/up -> ../../../decoy} is valid where it is made (it names {@code
 * /decoy} inside the root); one directory level below the root it names {@code testDir/decoy}.
 */
@Tag("issue10")
class LinksMovedOrCopiedTest {
  /** The operations that produce a link at {@code target} from the link {@code source}. */
  enum Producer {
    MOVE {
      @Override
      void produce(Path source, Path target) throws IOException {
        Files.move(source, target);
      }
    },
    COPY_NOFOLLOW_LINKS {
      @Override
      void produce(Path source, Path target) throws IOException {
        Files.copy(source, target, NOFOLLOW_LINKS);
      }
    },
    SECURE_STREAM_MOVE {
      @Override
      void produce(Path source, Path target) throws IOException {
        try (SecureDirectoryStream<Path> from = secure(source.getParent());
            SecureDirectoryStream<Path> to = secure(target.getParent())) {
          from.move(source.getFileName(), to, target.getFileName());
        }
      }
    },
    /**
     * A red-team finding beyond the list: {@code link(2)} does not follow a symbolic link,
     * so a hard link to a relative symbolic link is a second symbolic link, in another directory.
     */
    HARD_LINK {
      @Override
      void produce(Path source, Path target) throws IOException {
        Files.createLink(target, source);
      }
    };

    abstract void produce(Path source, Path target) throws IOException;
  }

  @org.junit.jupiter.api.io.TempDir Path testDir;
  private Decoy decoy;
  private FileSystem fs;
  private FileSystem other;

  @BeforeEach
  void setUp() throws IOException {
    Path work = Files.createDirectory(testDir.resolve("work"));
    decoy = Decoy.create(testDir.resolve("decoy"));
    fs = TmpFileSystems.builder().dir(work).build();
    other = TmpFileSystems.builder().dir(work).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
    other.close();
    decoy.assertUntouched();
  }

  static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(dir);
    assertTrue(s instanceof SecureDirectoryStream, "a secure stream over the default provider");
    return (SecureDirectoryStream<Path>) s;
  }

  /** {@code /a/b/c/up -> ../../../decoy}: names {@code /decoy} inside, which holds secret1. */
  private Path deepRelativeLink() throws IOException {
    Files.createDirectories(fs.getPath("/a/b/c"));
    Files.createDirectory(fs.getPath("/decoy"));
    Files.writeString(fs.getPath("/decoy/secret1"), "inside");
    Path link = Files.createSymbolicLink(fs.getPath("/a/b/c/up"), fs.getPath("../../../decoy"));
    assertEquals("inside", Files.readString(link.resolve("secret1")), "precondition");
    return link;
  }

  static Stream<Arguments> producersAndDestinations() {
    return Stream.of(Producer.values())
        .flatMap(p -> Stream.of(Arguments.of(p, "same"), Arguments.of(p, "other")));
  }

  /**
   * A relative link taken one directory level up (in the same file system, or into another {@code
   * tmp:} file system at the top) must not climb out of the root it lands in.
   */
  @ParameterizedTest(name = "{0} to the top of the {1} file system")
  @MethodSource("producersAndDestinations")
  void relativeLinkTakenShallowerStaysInside(Producer producer, String destination)
      throws IOException {
    Path link = deepRelativeLink();
    Path target = (destination.equals("same") ? fs : other).getPath("/up");
    try {
      producer.produce(link, target);
    } catch (FileSystemException | ProviderMismatchException refused) {
      assertTrue(Files.isSymbolicLink(link), "a refused " + producer + " leaves the source");
      assertTrue(!Files.exists(target, NOFOLLOW_LINKS), "a refused " + producer + " makes nothing");
    }
    Escape.assertNoWayOut(target, "secret1", decoy);
  }

  /**
   * An absolute link is stored on disk as the real path inside its root. Moved, copied or hard
   * linked into another {@code tmp:} file system it must not keep naming the first root: the second
   * file system must not read or change the first one's files through it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Producer.class)
  void absoluteLinkTakenIntoAnotherFileSystemDoesNotReachTheFirst(Producer producer)
      throws IOException {
    Files.createDirectory(fs.getPath("/private"));
    Path secret = Files.writeString(fs.getPath("/private/secret1"), "first file system's own");
    Files.createDirectory(fs.getPath("/links"));
    Path link = Files.createSymbolicLink(fs.getPath("/links/abs"), fs.getPath("/private"));
    Files.createDirectory(other.getPath("/in"));
    Path target = other.getPath("/in/abs");
    try {
      producer.produce(link, target);
    } catch (FileSystemException | ProviderMismatchException refused) {
      assertTrue(Files.isSymbolicLink(link), "a refused " + producer + " leaves the source");
    }
    if (Files.exists(target, NOFOLLOW_LINKS)) {
      try {
        assertNotEquals("first file system's own", Files.readString(target.resolve("secret1")),
            "the other file system read the first one's file through " + target);
      } catch (IOException nothingRead) {
        // fine
      }
      try {
        Files.writeString(target.resolve("secret1"), "changed from the other file system");
      } catch (IOException nothingWritten) {
        // fine
      }
      assertEquals("first file system's own", Files.readString(secret),
          "the other file system changed the first one's file through " + target);
      Escape.assertStoredTargetInside(target);
    }
    assertEquals("first file system's own", Files.readString(secret));
  }
}
