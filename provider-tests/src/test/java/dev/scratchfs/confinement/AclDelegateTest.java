package dev.scratchfs.confinement;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TempFile;
import dev.scratchfs.TempFiles;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, class 11: on a delegate with an {@code acl} view and no {@code posix} view (the Windows
 * default file system; here jimfs configured that way), owner-only means an ACL naming the owner
 * alone: not empty, every entry for the owner, at least one {@code ALLOW}. Every creation path is
 * checked as soon as it returns, on the delegate itself.
 *
 * <p>Note for the fix: jimfs refuses {@code acl:acl} as an initial attribute ("cannot set attribute
 * 'acl:acl' during file creation"), so over jimfs the ACL can only be checked when the creating
 * call returns; on Windows' default provider it can and should be passed to the creating call.
 */
@Tag("issue10")
class AclDelegateTest {
  private FileSystem jimfs;
  private FileSystem fs;

  @BeforeEach
  void setUp() throws IOException {
    jimfs = Jimfs.newFileSystem(
        Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "acl").build());
    fs = TmpFileSystems.builder().dir(Files.createDirectory(jimfs.getPath("/tmp"))).build();
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
    jimfs.close();
  }

  /** A creation path: creates an entry named after {@code base}; returns its {@code tmp:} path. */
  @FunctionalInterface
  interface Creation {
    Path create(Path base) throws IOException;
  }

  static Stream<Arguments> creations() {
    return Stream.of(
        Arguments.of("the root", (Creation) base -> base.getFileSystem().getPath("/")),
        Arguments.of("createFile", (Creation) base -> Files.createFile(base)),
        Arguments.of("createDirectory", (Creation) base -> Files.createDirectory(base)),
        Arguments.of("createDirectories", (Creation) base ->
            Files.createDirectories(base.resolve("x/y"))),
        Arguments.of("newByteChannel(CREATE_NEW)", (Creation) base -> {
          Files.newByteChannel(base, Set.of(CREATE_NEW, WRITE)).close();
          return base;
        }),
        Arguments.of("FileChannel.open(CREATE)", (Creation) base -> {
          FileChannel.open(base, CREATE, WRITE).close();
          return base;
        }),
        Arguments.of("newOutputStream", (Creation) base -> {
          Files.newOutputStream(base).close();
          return base;
        }),
        Arguments.of("writeString", (Creation) base -> Files.writeString(base, "x")),
        Arguments.of("createTempFile", (Creation) base ->
            Files.createTempFile(Files.createDirectory(base), "t", ".tmp")),
        Arguments.of("createTempDirectory", (Creation) base ->
            Files.createTempDirectory(Files.createDirectory(base), "t")),
        Arguments.of("TempFiles.mkstemp", (Creation) base -> {
          try (TempFile t = TempFiles.mkstemp(null, null, Files.createDirectory(base))) {
            return t.path();
          }
        }),
        Arguments.of("copy", (Creation) base -> {
          Path source = Files.writeString(base.resolveSibling(base.getFileName() + ".src"), "x");
          return Files.copy(source, base);
        }),
        Arguments.of("SecureDirectoryStream.newByteChannel", (Creation) base -> {
          Path dir = Files.createDirectory(base);
          try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            ((SecureDirectoryStream<Path>) s)
                .newByteChannel(dir.getFileSystem().getPath("inner"), Set.of(CREATE_NEW, WRITE))
                .close();
          }
          return dir.resolve("inner");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creations")
  void createdEntriesCarryAnAclNamingTheOwnerAlone(String what, Creation creation)
      throws IOException {
    Path created = creation.create(fs.getPath("/entry"));
    Path onDisk = TmpFileSystems.unwrap(created);
    AclFileAttributeView view =
        Files.getFileAttributeView(onDisk, AclFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    UserPrincipal owner = view.getOwner();
    List<AclEntry> acl = view.getAcl();
    assertFalse(acl.isEmpty(), what + ": an empty ACL says nothing about who may enter");
    for (AclEntry entry : acl) {
      assertEquals(owner, entry.principal(), what + ": an ACL entry for someone else: " + acl);
    }
    assertTrue(acl.stream().anyMatch(e -> e.type() == AclEntryType.ALLOW),
        what + ": the owner is allowed in: " + acl);
  }
}
