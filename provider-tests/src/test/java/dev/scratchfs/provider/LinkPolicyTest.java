package dev.scratchfs.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinkPolicy}'s rule, one row per link: a relative target may climb at most as many
 * directories as lie between the root and the link's real directory, and no {@code ..} may follow
 * a name; an absolute target always stays inside. Each row runs over the default file system and
 * over jimfs, and a refused link leaves nothing behind.
 */
class LinkPolicyTest {
  @TempDir Path testDir;

  static Stream<Arguments> rows() {
    Stream<Object[]> rows = Stream.of(
        new Object[] {"/l", "a", true},
        new Object[] {"/l", ".", true},
        new Object[] {"/l", "..", false},
        new Object[] {"/d/l", "..", true},
        new Object[] {"/d/l", "../..", false},
        new Object[] {"/d/l", "./../x", true},
        new Object[] {"/d/l", "x/../..", false},
        new Object[] {"/d/l", "x/..", false},
        new Object[] {"/d/e/l", "../../x", true},
        new Object[] {"/d/e/l", "../../../x", false},
        new Object[] {"/l", "/d/../../../x", true},
        new Object[] {"/toD/l", "..", true},
        new Object[] {"/d/up/l", "..", false});
    return rows.flatMap(r -> Stream.of("default", "jimfs").map(d -> Arguments.of(d, r[0], r[1], r[2])));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} allowed={3}")
  @MethodSource("rows")
  void aLinkIsAllowedOnlyIfItCannotLeadOut(String delegate, String link, String target,
      boolean allowed) throws IOException {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
        FileSystem fs = TmpFileSystems.builder()
            .dir(delegate.equals("default") ? testDir : jimfs.getPath("/")).build()) {
      Files.createDirectories(fs.getPath("/d/e"));
      Files.createSymbolicLink(fs.getPath("/toD"), fs.getPath("d")); // /toD/l is at depth 1
      Files.createSymbolicLink(fs.getPath("/d/up"), fs.getPath("..")); // /d/up/l is at depth 0
      Path l = fs.getPath(link);
      Path t = fs.getPath(target);
      if (allowed) {
        Files.createSymbolicLink(l, t);
        assertEquals(target.startsWith("/") ? t.normalize() : t, Files.readSymbolicLink(l));
      } else {
        FileSystemException e =
            assertThrows(FileSystemException.class, () -> Files.createSymbolicLink(l, t));
        assertEquals(link, e.getFile());
        assertFalse(Files.exists(l, LinkOption.NOFOLLOW_LINKS), "nothing left behind");
      }
    }
  }
}
