package dev.scratchfs.confinement;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, class 7: the owner-only mask must not depend on the caller's {@link FileAttribute}
 * behaving. An attribute whose {@code name()} is not {@code posix:permissions} on its first call
 * and is from then on (its value always {@code rwxrwxrwx}) must still give an owner-only entry, on
 * every creation path and delegate. Whatever else happens (refused, or created), nothing on disk
 * may carry a group or other bit.
 */
@Tag("issue10")
class ShiftyAttributeTest {
  private static final Set<PosixFilePermission> OWNER =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  @TempDir Path testDir;

  /** Answers {@code name()} with {@code first} once, then with {@code posix:permissions}. */
  static FileAttribute<Set<PosixFilePermission>> shifty(String first) {
    return new FileAttribute<>() {
      private int calls;

      @Override
      public String name() {
        return calls++ == 0 ? first : "posix:permissions";
      }

      @Override
      public Set<PosixFilePermission> value() {
        return PosixFilePermissions.fromString("rwxrwxrwx");
      }
    };
  }

  /** A creation path: creates {@code path} passing {@code attr}. */
  @FunctionalInterface
  interface Creation {
    void create(Path path, FileAttribute<?> attr) throws IOException;
  }

  static Stream<Arguments> paths() {
    Creation createFile = (p, a) -> Files.createFile(p, a);
    Creation createDirectory = (p, a) -> Files.createDirectory(p, a);
    Creation newByteChannel =
        (p, a) -> Files.newByteChannel(p, Set.of(CREATE_NEW, WRITE), a).close();
    Creation secureStream = (p, a) -> {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(p.getParent())) {
        ((SecureDirectoryStream<Path>) s)
            .newByteChannel(p.getFileName(), Set.of(CREATE_NEW, WRITE), a).close();
      }
    };
    Stream.Builder<Arguments> all = Stream.builder();
    for (String delegate : new String[] {"default", "jimfs"}) {
      all.add(Arguments.of(delegate, "createFile", createFile));
      all.add(Arguments.of(delegate, "createDirectory", createDirectory));
      all.add(Arguments.of(delegate, "newByteChannel", newByteChannel));
      all.add(Arguments.of(delegate, "SecureDirectoryStream.newByteChannel", secureStream));
    }
    return all.build();
  }

  @ParameterizedTest(name = "{1} over {0}")
  @MethodSource("paths")
  void nameChangingAttributeStillGivesOwnerOnly(String delegate, String what, Creation creation)
      throws IOException {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix").build());
        FileSystem fs = TmpFileSystems.builder()
            .dir(delegate.equals("jimfs") ? Files.createDirectory(jimfs.getPath("/tmp")) : testDir)
            .build()) {
      for (String first : new String[] {"user:x", "unix:mode", "basic:size"}) {
        Path p = fs.getPath("/" + first.replace(':', '-'));
        try {
          creation.create(p, shifty(first));
        } catch (IOException | RuntimeException refused) {
          // refusing such an attribute is fine; a wide entry left behind is not
        }
        Path onDiskPath = TmpFileSystems.unwrap(p);
        if (!Files.exists(onDiskPath, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Set<PosixFilePermission> onDisk =
            Files.getPosixFilePermissions(onDiskPath, LinkOption.NOFOLLOW_LINKS);
        assertTrue(OWNER.containsAll(onDisk), what + " over " + delegate + " with name() = '"
            + first + "' then 'posix:permissions' left " + PosixFilePermissions.toString(onDisk));
      }
    }
  }
}
