package dev.scratchfs.confinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.testing.OtherUser;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, class 10: small gaps with the default provider. Each null case runs on the default
 * file system and on {@code tmp:} over it; the default provider's outcome is checked first (a
 * {@link NullPointerException}), and {@code tmp:} must throw the same.
 */
@Tag("issue10")
class DefaultProviderConformanceTest {
  @TempDir Path testDir;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    fs = TmpFileSystems.builder().dir(Files.createDirectory(testDir.resolve("work"))).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  /** A call given an existing file {@code f} and a directory {@code d} holding a file {@code x}. */
  @FunctionalInterface
  interface Call {
    void run(Path f, Path d) throws Exception;
  }

  private static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(dir);
    return (SecureDirectoryStream<Path>) s;
  }

  private static Set<PosixFilePermission> withNull() {
    return new HashSet<>(Arrays.asList(PosixFilePermission.OWNER_READ, null));
  }

  private static Arguments sds(String what, SecureCall call) {
    return Arguments.of("SecureDirectoryStream." + what, (Call) (f, d) -> {
      try (SecureDirectoryStream<Path> s = secure(d)) {
        call.run(s, d.getFileSystem().getPath("x"));
      }
    });
  }

  /** A call on a secure stream of {@code d}, given the relative name {@code x} of its file. */
  @FunctionalInterface
  interface SecureCall {
    void run(SecureDirectoryStream<Path> s, Path x) throws Exception;
  }

  static Stream<Arguments> nullCases() {
    return Stream.of(
        Arguments.of("Files.isSameFile(p, null)", (Call) (f, d) -> Files.isSameFile(f, null)),
        Arguments.of("PosixFileAttributeView.setOwner(null)", (Call) (f, d) ->
            Files.getFileAttributeView(f, PosixFileAttributeView.class).setOwner(null)),
        Arguments.of("PosixFileAttributeView.setGroup(null)", (Call) (f, d) ->
            Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(null)),
        Arguments.of("FileOwnerAttributeView.setOwner(null)", (Call) (f, d) ->
            Files.getFileAttributeView(f, FileOwnerAttributeView.class).setOwner(null)),
        Arguments.of("Files.setOwner(p, null)", (Call) (f, d) -> Files.setOwner(f, null)),
        Arguments.of("Files.setPosixFilePermissions with a null element", (Call) (f, d) ->
            Files.setPosixFilePermissions(f, withNull())),
        Arguments.of("PosixFileAttributeView.setPermissions with a null element", (Call) (f, d) ->
            Files.getFileAttributeView(f, PosixFileAttributeView.class).setPermissions(withNull())),
        Arguments.of("Files.setAttribute(p, posix:permissions, set with null)", (Call) (f, d) ->
            Files.setAttribute(f, "posix:permissions", withNull())),
        sds("newByteChannel(null, …)",
            (s, x) -> s.newByteChannel(null, Set.of(StandardOpenOption.READ))),
        sds("deleteFile(null)", (s, x) -> s.deleteFile(null)),
        sds("deleteDirectory(null)", (s, x) -> s.deleteDirectory(null)),
        sds("newDirectoryStream(null)", (s, x) -> s.newDirectoryStream(null)),
        sds("getFileAttributeView(null, …)", (s, x) ->
            s.getFileAttributeView(null, BasicFileAttributeView.class)),
        sds("move(null, dir, x)", (s, x) -> s.move(null, s, x)),
        sds("move(x, null, x)", (s, x) -> s.move(x, null, x)),
        sds("move(x, dir, null)", (s, x) -> s.move(x, s, null)));
  }

  private static String outcome(Call call, Path base) {
    try {
      Path f = Files.writeString(base.resolve("f"), "file");
      Path d = Files.createDirectory(base.resolve("d"));
      Files.writeString(d.resolve("x"), "x");
      call.run(f, d);
      return "returned normally";
    } catch (Exception e) {
      return e.getClass().getName();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullCases")
  void nullArgumentsThrowWhatTheDefaultProviderThrows(String what, Call call) throws IOException {
    String onDefault = outcome(call, Files.createDirectory(testDir.resolve("default")));
    assertEquals(NullPointerException.class.getName(), onDefault,
        "precondition: what the default provider does for " + what);
    assertEquals(onDefault, outcome(call, fs.getPath("/")), what + " on tmp:");
  }

  /**
   * Giving a file to the owner it already has changes nothing, and archive extractors do it for
   * every entry: it succeeds, as on the default provider. So does setting the group it already has
   * (decision: the same no-op). Any other owner is still refused.
   */
  @Test
  void settingTheCurrentOwnerOrGroupIsANoOpAndAnyOtherOwnerIsRefused() throws IOException {
    Path f = Files.writeString(fs.getPath("/f"), "file");
    PosixFileAttributes before = Files.readAttributes(f, PosixFileAttributes.class);

    Files.setOwner(f, before.owner());
    Files.getFileAttributeView(f, PosixFileAttributeView.class).setOwner(before.owner());
    Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(before.group());

    PosixFileAttributes after = Files.readAttributes(f, PosixFileAttributes.class);
    assertEquals(before.owner(), after.owner());
    assertEquals(before.group(), after.group());
    UserPrincipal nobody =
        fs.getUserPrincipalLookupService().lookupPrincipalByName("" + OtherUser.ID);
    GroupPrincipal nogroup =
        fs.getUserPrincipalLookupService().lookupPrincipalByGroupName("" + OtherUser.ID);
    assertThrows(AccessDeniedException.class, () -> Files.setOwner(f, nobody));
    assertThrows(AccessDeniedException.class,
        () -> Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(nogroup));
    assertEquals(before.owner(), Files.getOwner(f));
  }

  /**
   * {@code tmp://Build/} and {@code tmp://build/} are equal {@link URI}s (a host compares ignoring
   * case), so they must not name two different file systems. Decision: file system names compare
   * ignoring case, as URI hosts do: while {@code Build} is open, {@code build} is taken, and a URI
   * in any case finds the open one.
   */
  @Test
  void namesThatAreEqualUrisNameOneFileSystem() throws IOException {
    URI upper = URI.create("tmp://Build/");
    URI lower = URI.create("tmp://build/");
    assertEquals(upper, lower, "precondition: java.net.URI says these are equal");
    try (FileSystem first = FileSystems.newFileSystem(upper, Map.of("dir", testDir))) {
      assertThrows(FileSystemAlreadyExistsException.class,
          () -> FileSystems.newFileSystem(lower, Map.of("dir", testDir)).close());
      assertSame(first, FileSystems.getFileSystem(lower));
      assertSame(first, Path.of(URI.create("tmp://BUILD/x")).getFileSystem());
    }
  }
}
