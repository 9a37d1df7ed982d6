package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scratchfs.testing.ChildJvmProcess;
import dev.scratchfs.testing.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, class 6: {@code close()} deletes everything even where the owner took away its own
 * access ({@code chmod 000} on a non-empty directory, or on {@code /} itself), and an exception, if
 * there is one, never names the hidden on-disk location of the file system.
 *
 * <p>Root ignores permission bits, so the file system is made and closed by a child JVM running as
 * the other user (uid 65534), in a directory that user owns; the test skips where that is
 * impossible.
 */
@Tag("issue10")
class UnreadableTreeCloseTest {
  @TempDir Path testDir;

  /**
   * {@code subdir}: {@code /d} (holding a file and a directory with a file) made mode 000;
   * {@code root}: {@code /} made mode 000.
   */
  @ParameterizedTest(name = "{0} made mode 000")
  @ValueSource(strings = {"subdir", "root"})
  void closeDeletesTreesTheOwnerMadeUnreadable(String what) throws Exception {
    OtherUser.assumeAvailable();
    OtherUser.mayTraverse(testDir, testDir);
    Path shared = OtherUser.stickyDirectory(testDir.resolve("shared"));
    Path dir = shared.resolve("theirs");
    OtherUser.sh("mkdir -m 700 '" + dir + "'");

    String container;
    List<String> output;
    try (ChildJvmProcess child =
        ChildJvmProcess.startAsOtherUser(testDir, ConfinementChild.class,
            "close-unreadable", dir.toString(), what)) {
      container = child.await("CONTAINER ", Duration.ofSeconds(20));
      child.await("END", Duration.ofSeconds(20));
      output = child.seen();
    }
    String trace = output.stream().filter(l -> l.startsWith("TRACE "))
        .map(l -> l.substring("TRACE ".length())).collect(Collectors.joining("\n"));
    String hiddenName = Path.of(container).getFileName().toString();

    assertFalse(trace.contains(hiddenName),
        "the exception of close() names the hidden container " + container + ":\n" + trace);
    assertFalse(Files.exists(Path.of(container), NOFOLLOW_LINKS),
        "close() left the container on disk: " + container + "\n" + trace);
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(Set.of(), left.collect(Collectors.toSet()));
    }
  }
}
