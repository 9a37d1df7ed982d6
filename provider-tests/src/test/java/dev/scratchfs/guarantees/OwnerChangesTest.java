package dev.scratchfs.guarantees;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.guarantees.Scratch.Delegate;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scratch entry belongs to the process that made it: every way of giving it another owner or
 * group is refused with {@link AccessDeniedException} naming the caller's path, and the owner and
 * group on the delegate stay what they were. The tests run as root, so the delegate itself would
 * allow the change; only the policy stops it.
 */
class OwnerChangesTest {
  @TempDir Path testDir;

  @FunctionalInterface
  interface OwnerChange {
    void apply(Path p, UserPrincipal user, GroupPrincipal group) throws IOException;
  }

  private static Map<String, OwnerChange> changes() {
    Map<String, OwnerChange> c = new LinkedHashMap<>();
    c.put("Files.setOwner", (p, u, g) -> Files.setOwner(p, u));
    c.put("PosixFileAttributeView.setOwner",
        (p, u, g) -> Files.getFileAttributeView(p, PosixFileAttributeView.class).setOwner(u));
    c.put("PosixFileAttributeView.setGroup",
        (p, u, g) -> Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(g));
    c.put("PosixFileAttributeView(NOFOLLOW_LINKS).setOwner",
        (p, u, g) ->
            Files.getFileAttributeView(p, PosixFileAttributeView.class, NOFOLLOW_LINKS)
                .setOwner(u));
    c.put("FileOwnerAttributeView.setOwner",
        (p, u, g) -> Files.getFileAttributeView(p, FileOwnerAttributeView.class).setOwner(u));
    c.put("setAttribute posix:owner", (p, u, g) -> Files.setAttribute(p, "posix:owner", u));
    c.put("setAttribute posix:group", (p, u, g) -> Files.setAttribute(p, "posix:group", g));
    c.put("setAttribute owner:owner", (p, u, g) -> Files.setAttribute(p, "owner:owner", u));
    c.put("setAttribute unix:uid", (p, u, g) -> Files.setAttribute(p, "unix:uid", 65534));
    c.put("setAttribute unix:gid", (p, u, g) -> Files.setAttribute(p, "unix:gid", 65534));
    c.put("SecureDirectoryStream.getFileAttributeView(name, Posix).setOwner",
        (p, u, g) -> {
          try (SecureDirectoryStream<Path> s = secure(p.getParent())) {
            s.getFileAttributeView(p.getFileName(), PosixFileAttributeView.class, NOFOLLOW_LINKS)
                .setOwner(u);
          }
        });
    c.put("SecureDirectoryStream.getFileAttributeView(name, Posix).setGroup",
        (p, u, g) -> {
          try (SecureDirectoryStream<Path> s = secure(p.getParent())) {
            s.getFileAttributeView(p.getFileName(), PosixFileAttributeView.class).setGroup(g);
          }
        });
    c.put("SecureDirectoryStream.getFileAttributeView(name, FileOwner).setOwner",
        (p, u, g) -> {
          try (SecureDirectoryStream<Path> s = secure(p.getParent())) {
            s.getFileAttributeView(p.getFileName(), FileOwnerAttributeView.class).setOwner(u);
          }
        });
    return c;
  }

  private static SecureDirectoryStream<Path> secure(Path dir) throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(dir);
    assertTrue(s instanceof SecureDirectoryStream, "no secure stream: " + s.getClass());
    return (SecureDirectoryStream<Path>) s;
  }

  @ParameterizedTest
  @EnumSource(Delegate.class)
  void ownerAndGroupChangesAreRefusedAndNothingChangesOnTheDelegate(Delegate delegate)
      throws IOException {
    try (Scratch scratch = Scratch.open(delegate, testDir)) {
      FileSystem delegateFs = scratch.dir().getFileSystem();
      UserPrincipal nobody =
          delegateFs.getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      GroupPrincipal nogroup =
          delegateFs.getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup");
      Path dir = Files.createDirectory(scratch.path("/d"));
      Path file = Files.writeString(dir.resolve("f"), "mine");
      Path sub = Files.createDirectory(dir.resolve("sub"));
      for (Path target : new Path[] {file, sub}) {
        PosixFileAttributes before =
            Files.readAttributes(scratch.disk(target), PosixFileAttributes.class, NOFOLLOW_LINKS);
        assertTrue(!before.owner().equals(nobody), "precondition: not owned by nobody already");
        for (Map.Entry<String, OwnerChange> change : changes().entrySet()) {
          AccessDeniedException refused =
              assertThrows(AccessDeniedException.class,
                  () -> change.getValue().apply(target, nobody, nogroup),
                  change.getKey() + " on " + target);
          assertEquals(target.toString(), refused.getFile(), change.getKey());
          PosixFileAttributes after =
              Files.readAttributes(scratch.disk(target), PosixFileAttributes.class, NOFOLLOW_LINKS);
          assertEquals(before.owner(), after.owner(), change.getKey() + ": owner on the delegate");
          assertEquals(before.group(), after.group(), change.getKey() + ": group on the delegate");
        }
        if (delegate == Delegate.DEFAULT) {
          Map<String, Object> unix =
              Files.readAttributes(scratch.disk(target), "unix:uid,gid", NOFOLLOW_LINKS);
          assertEquals(0, unix.get("uid"), "uid on disk");
          assertEquals(0, unix.get("gid"), "gid on disk");
        }
      }
    }
  }
}
