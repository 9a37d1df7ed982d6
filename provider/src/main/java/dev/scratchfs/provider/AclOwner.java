package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.lifecycle.Container;
import dev.scratchfs.policy.OwnerOnlyAcl;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;

/**
 * Who "the owner" is where permissions exist only as ACLs: on a delegate that takes an ACL in the
 * creating call, the user running this process; elsewhere the owner the delegate gives the
 * entries this process creates, read back from the container the file system just made (which
 * may differ from the user's name: jimfs gives every entry its configured owner).
 */
final class AclOwner {
  private AclOwner() {}

  /**
   * The principal of the user running this process on a delegate.
   *
   * @throws IOException if the delegate knows no such user
   */
  static UserPrincipal currentUser(FileSystem delegate) throws IOException {
    return delegate.getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  /**
   * Returns the owner of a new container made without an ACL (the delegate refuses one in the
   * creating call), and gives the container and its root an ACL naming that owner alone, before
   * the file system is handed out.
   */
  static UserPrincipal adopt(Container container) throws IOException {
    UserPrincipal owner = Files.getOwner(container.root(), NOFOLLOW_LINKS);
    for (java.nio.file.Path dir : new java.nio.file.Path[] {container.path(), container.root()}) {
      Files.getFileAttributeView(dir, AclFileAttributeView.class, NOFOLLOW_LINKS)
          .setAcl(OwnerOnlyAcl.forOwner(owner, true));
    }
    return owner;
  }
}
