package dev.scratchfs.tempfile;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.policy.ExclusiveCreator;
import dev.scratchfs.policy.NameSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry policy as TempFiles uses it ({@link ExclusiveEntries}, with a predictable {@link
 * NameSource}): taken names are skipped without touching what holds them, the bound ends in Python's
 * message, and any other error ends the attempts at once.
 */
class RetryTest {
  /** Counts names handed out; returns the given ones in turn, then repeats the last. */
  static final class ScriptedNames implements NameSource {
    private final Deque<String> script;
    private String last;
    final AtomicInteger calls = new AtomicInteger();

    ScriptedNames(String... names) {
      script = new ArrayDeque<>(List.of(names));
    }

    @Override
    public String next() {
      calls.incrementAndGet();
      if (!script.isEmpty()) {
        last = script.poll();
      }
      return last;
    }
  }

  private static ExclusiveEntries entries(NameSource names) {
    return new ExclusiveEntries(new ExclusiveCreator(names, ExclusiveCreator.MAX_TRIES));
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aNameThatIsAlwaysTakenEndsAfterTheBoundWithPythonsMessage(Place place) throws IOException {
    Path planted = Files.writeString(place.dir().resolve("tmpaaaaaa"), "planted");
    for (int kind = 0; kind < 3; kind++) {
      ScriptedNames names = new ScriptedNames("aaaaaa");
      ExclusiveEntries entries = entries(names);
      NameTemplate template = new NameTemplate("", "tmp", place.dir());
      FileAlreadyExistsException e =
          assertThrows(
              FileAlreadyExistsException.class,
              switch (kind) {
                case 0 -> () -> entries.createFile(template).channel().close();
                case 1 -> () -> entries.createDirectory(template);
                default -> () -> entries.unusedName(template);
              });
      assertTrue(e.getMessage().contains("No usable temporary file name found"), e.getMessage());
      assertEquals(ExclusiveCreator.MAX_TRIES, names.calls.get());
    }
    assertEquals(Set.of("tmpaaaaaa"), place.names());
    assertEquals("planted", Files.readString(planted), "a taken name's file must not be opened");
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aTakenNameIsSkippedAndWhatHoldsItLeftAlone(Place place, @TempDir Path decoyParent)
      throws IOException {
    Path dir = place.dir();
    Path planted = Files.writeString(dir.resolve("tmpaaaaaa"), "planted");
    // A dangling link planted under the next name points into a decoy directory: following it
    // would create the decoy's target.
    Path decoy = Files.createDirectory(dir.getFileSystem().getPath(decoyDir(place, decoyParent)));
    Files.writeString(decoy.resolve("keep"), "decoy");
    Path link = Files.createSymbolicLink(dir.resolve("tmpbbbbbb"), decoy.resolve("target"));

    ScriptedNames names = new ScriptedNames("aaaaaa", "bbbbbb", "cccccc");
    CreatedFile created = entries(names).createFile(new NameTemplate("", "tmp", dir));
    try (var channel = created.channel()) {
      channel.write(ByteBuffer.wrap("mine".getBytes(UTF_8)));
    }
    assertEquals(dir.resolve("tmpcccccc"), created.path());
    assertEquals(3, names.calls.get());
    assertEquals("mine", Files.readString(created.path()));
    assertEquals("planted", Files.readString(planted));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Set.of("keep"), Place.names(decoy), "the link must not have been followed");
    assertEquals("decoy", Files.readString(decoy.resolve("keep")));

    // Directories: a file or a link under the name counts as taken as well.
    ScriptedNames dirNames = new ScriptedNames("aaaaaa", "bbbbbb", "dddddd");
    Path made = entries(dirNames).createDirectory(new NameTemplate("", "tmp", dir));
    assertEquals(dir.resolve("tmpdddddd"), made);
    assertTrue(Files.isDirectory(made, LinkOption.NOFOLLOW_LINKS));
    assertEquals(Set.of("keep"), Place.names(decoy));

    // mktemp's check counts a dangling link as taken too.
    ScriptedNames freeNames = new ScriptedNames("aaaaaa", "bbbbbb", "eeeeee");
    assertEquals(dir.resolve("tmpeeeeee"), entries(freeNames).unusedName(new NameTemplate("", "tmp", dir)));
    assertFalse(Files.exists(dir.resolve("tmpeeeeee"), LinkOption.NOFOLLOW_LINKS));
  }

  private static String decoyDir(Place place, Path decoyParent) {
    // On the default file system the decoy lies outside the place, in its own @TempDir.
    return "default".equals(place.toString()) ? decoyParent.resolve("decoy").toString() : "/decoy";
  }

  @ParameterizedTest
  @MethodSource("dev.scratchfs.tempfile.Place#both")
  void aMissingDirectoryFailsAtTheFirstTry(Place place) {
    Path missing = place.dir().resolve("missing");
    ScriptedNames fileNames = new ScriptedNames("aaaaaa", "bbbbbb");
    assertThrows(
        NoSuchFileException.class,
        () -> entries(fileNames).createFile(new NameTemplate("", "tmp", missing)));
    assertEquals(1, fileNames.calls.get());

    ScriptedNames dirNames = new ScriptedNames("aaaaaa", "bbbbbb");
    assertThrows(
        NoSuchFileException.class,
        () -> entries(dirNames).createDirectory(new NameTemplate("", "tmp", missing)));
    assertEquals(1, dirNames.calls.get());
    assertFalse(Files.exists(missing));
  }

  @Test
  void aDirectoryThatIsAFileFailsAtTheFirstTry(@TempDir Path tmp) throws IOException {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    ScriptedNames names = new ScriptedNames("aaaaaa", "bbbbbb");
    FileSystemException e =
        assertThrows(
            FileSystemException.class,
            () -> entries(names).createFile(new NameTemplate("", "tmp", notADir)));
    assertFalse(e instanceof FileAlreadyExistsException, e.toString());
    assertEquals(1, names.calls.get());
    assertEquals("x", Files.readString(notADir));
  }

  @Test
  void aCollisionLimitOfOneStillCreatesWhenTheNameIsFree(@TempDir Path tmp) throws IOException {
    ScriptedNames names = new ScriptedNames("zzzzzz");
    Path made =
        new ExclusiveEntries(new ExclusiveCreator(names, 1))
            .createDirectory(new NameTemplate(".d", "p", tmp));
    assertEquals(tmp.resolve("pzzzzzz.d"), made);
    assertInstanceOf(
        FileAlreadyExistsException.class,
        assertThrows(
            IOException.class,
            () ->
                new ExclusiveEntries(new ExclusiveCreator(names, 1))
                    .createDirectory(new NameTemplate(".d", "p", tmp))));
  }
}
