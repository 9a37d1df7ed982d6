package dev.scratchfs.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExceptionTranslator}, one row per exception type the JDK throws: the translated exception
 * has the same type and reason, names the caller's paths as written, and any other path under the
 * root as its scratch path.
 */
class ExceptionTranslatorTest {
  @TempDir static Path testDir;
  private static TmpFileSystem fs;

  @BeforeAll
  static void open() throws IOException {
    fs = (TmpFileSystem) TmpFileSystems.builder().dir(testDir).build();
  }

  @AfterAll
  static void close() throws IOException {
    fs.close();
  }

  private static IOException translate(IOException e, TmpPath... callers) {
    return ExceptionTranslator.translate(e, fs.mapping(), fs.rootGate()::mapByPath, callers);
  }

  static Stream<Arguments> types() {
    Stream<BiFunction<String, String, FileSystemException>> makers = Stream.of(
        (a, b) -> new FileSystemException(a, b, "why"),
        (a, b) -> new NoSuchFileException(a, b, "why"),
        (a, b) -> new FileAlreadyExistsException(a, b, "why"),
        (a, b) -> new AccessDeniedException(a, b, "why"),
        (a, b) -> new NotLinkException(a, b, "why"),
        (a, b) -> new AtomicMoveNotSupportedException(a, b, "why"),
        (a, b) -> new DirectoryNotEmptyException(a),
        (a, b) -> new NotDirectoryException(a),
        (a, b) -> new FileSystemLoopException(a));
    return makers.map(m -> Arguments.of(m.apply("x", null).getClass().getSimpleName(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void keepsTheTypeAndNamesTheCallersPaths(
      String type, BiFunction<String, String, FileSystemException> make) {
    TmpPath caller = fs.getPath("rel/file");
    Path delegate = fs.rootGate().mapByPath(caller);
    Path other = fs.rootGate().mapByPath(fs.getPath("/other"));
    FileSystemException original = make.apply(delegate.toString(), other.toString());
    StackTraceElement[] trace = original.getStackTrace();
    IOException translated = translate(original, caller);
    assertSame(original.getClass(), translated.getClass());
    FileSystemException t = (FileSystemException) translated;
    assertEquals("rel/file", t.getFile(), "the caller's path as written");
    if (original.getOtherFile() != null) {
      assertEquals("/other", t.getOtherFile(), "another path under the root, as a scratch path");
    }
    assertEquals(original.getReason(), t.getReason());
    assertArrayEquals(trace, t.getStackTrace());
  }

  @Test
  void anExceptionNamingNoPathUnderTheRootIsReturnedAsItIs() {
    IOException plain = new IOException("disk on fire");
    assertSame(plain, translate(plain));
    FileSystemException outside = new FileSystemException("/etc/passwd", null, "no");
    assertSame(outside, translate(outside, fs.getPath("/x")));
  }

  @Test
  void anUnknownSubclassIsKeptRatherThanChangingItsType() {
    class Custom extends FileSystemException {
      Custom(String file) {
        super(file);
      }
    }
    Custom custom = new Custom(fs.rootGate().mapByPath(fs.getPath("/x")).toString());
    assertSame(custom, translate(custom, fs.getPath("/x")));
  }
}
