package dev.scratchfs.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relative path of another provider combines with a {@code tmp:} path by its names, as its string
 * would, with the same lexical confinement; an absolute one stays a {@link
 * ProviderMismatchException} (or is never a prefix or suffix).
 */
class ForeignRelativePathsTest {
  @TempDir Path testDir;
  private FileSystem fs;
  private Path dir;

  @BeforeEach
  void open() throws IOException {
    fs = TmpFileSystems.builder().dir(testDir).build();
    dir = Files.createDirectory(fs.getPath("/work"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  @Test
  void resolveTakesTheNamesOfARelativeDefaultPath() throws IOException {
    Path other = Path.of("sub", "file.txt");
    Path resolved = dir.resolve(other);
    assertSame(fs, resolved.getFileSystem());
    assertEquals(fs.getPath("/work/sub/file.txt"), resolved);
    assertEquals(fs.getPath("/work/file.txt"), dir.resolve(other.getFileName()));
    Files.createDirectories(resolved.getParent());
    Files.writeString(resolved, "x");
    assertEquals("x", Files.readString(fs.getPath("/work/sub/file.txt")));
  }

  @Test
  void climbingNamesAreConfinedAsAStringIs() {
    Path climbing = Path.of("../../../../etc/passwd");
    assertEquals(fs.getPath("/etc/passwd"), dir.resolve(climbing).normalize());
    assertEquals(dir.resolve("../../../../etc/passwd"), dir.resolve(climbing));
    assertTrue(TmpFileSystems.unwrap(dir.resolve(climbing))
        .startsWith(TmpFileSystems.unwrap(fs.getPath("/"))));
  }

  @Test
  void absoluteForeignPathsStayRefused() {
    Path absolute = Path.of("/etc/passwd");
    assertThrows(ProviderMismatchException.class, () -> dir.resolve(absolute));
    assertThrows(ProviderMismatchException.class, () -> dir.resolveSibling(absolute));
    assertThrows(ProviderMismatchException.class, () -> fs.getPath("/").relativize(absolute));
    assertFalse(fs.getPath("/etc/passwd").startsWith(absolute));
    assertFalse(fs.getPath("/etc/passwd").endsWith(absolute));
  }

  @Test
  void resolveSiblingRelativizeStartsWithAndEndsWithUseTheNames() {
    assertEquals(fs.getPath("/b"), dir.resolveSibling(Path.of("b")));
    assertEquals(fs.getPath("c/d"), fs.getPath("a/b").relativize(Path.of("a/b/c/d")));
    assertEquals(fs.getPath("../x"), fs.getPath("a/b").relativize(Path.of("a/x")));
    assertTrue(fs.getPath("a/b/c").startsWith(Path.of("a/b")));
    assertFalse(fs.getPath("/a/b/c").startsWith(Path.of("a/b")), "absolute vs relative");
    assertTrue(fs.getPath("/a/b/c").endsWith(Path.of("b/c")));
    assertFalse(fs.getPath("/a/b/c").endsWith(Path.of("a/c")));
    assertSame(dir, dir.resolve(Path.of("")), "the empty path resolves to the path itself");
    assertThrows(IllegalArgumentException.class, () -> dir.relativize(Path.of("x")));
  }

  @Test
  void aWindowsRelativePathOfJimfsCombinesByItsNames() throws IOException {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
      Path relative = windows.getPath("sub\\dir\\file.txt");
      assertEquals(fs.getPath("/work/sub/dir/file.txt"), dir.resolve(relative));
      assertThrows(ProviderMismatchException.class, () -> dir.resolve(windows.getPath("C:\\x")));
    }
  }
}
