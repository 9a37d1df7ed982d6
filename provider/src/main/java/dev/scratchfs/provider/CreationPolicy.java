package dev.scratchfs.provider;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.policy.OwnerOnlyAcl;
import dev.scratchfs.policy.OwnerOnlyPermissions;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scratch file system creates entries with: owner-only, in the creating call itself.
 * Where permissions are mode bits, the requested mode masked to {@code rwx------} (see {@link
 * OwnerOnlyPermissions}); where they exist only as ACLs, an ACL naming the owner alone (see {@link
 * OwnerOnlyAcl}). A delegate that refuses an ACL in the creating call (jimfs) gets it right after
 * creation, before the entry or a channel to it is handed out.
 */
final class CreationPolicy {
  private final DelegateTraits traits;
  private final UserPrincipal owner;

  /**
   * Creates the policy of a file system.
   *
   * @param traits what the delegate can do
   * @param owner the owner of the file system's entries, where permissions are ACLs; else null
   */
  CreationPolicy(DelegateTraits traits, UserPrincipal owner) {
    this.traits = traits;
    this.owner = owner;
  }

  /** The attributes to create an entry with (an ACL among them may have to be set afterwards). */
  FileAttribute<?>[] attributes(FileAttribute<?>[] attrs, boolean directory) {
    if (traits.ownerOnlyByMode()) {
      return OwnerOnlyPermissions.forCreation(attrs, directory);
    }
    if (owner != null) {
      return OwnerOnlyAcl.forCreation(attrs, owner, directory);
    }
    return OwnerOnlyPermissions.snapshot(attrs, 0);
  }

  /** Creates a directory with the policy's attributes, setting the ACL afterwards if it must. */
  void createDirectory(Gate gate, Path dir, FileAttribute<?>[] attrs) throws IOException {
    List<AclEntry> acl = owner != null && !traits.aclAtCreation() ? aclOf(attrs) : null;
    if (acl == null) {
      gate.delegateProvider().createDirectory(dir, attrs);
      return;
    }
    gate.delegateProvider().createDirectory(dir, withoutAcl(attrs));
    setAcl(gate.access(), dir, acl);
  }

  /** The ACL among creation attributes, or null. */
  @SuppressWarnings("unchecked")
  static List<AclEntry> aclOf(FileAttribute<?>[] attrs) {
    for (FileAttribute<?> a : attrs) {
      if (a.name().equals(OwnerOnlyAcl.ATTRIBUTE)) {
        return (List<AclEntry>) a.value();
      }
    }
    return null;
  }

  /** The creation attributes but the ACL. */
  static FileAttribute<?>[] withoutAcl(FileAttribute<?>[] attrs) {
    List<FileAttribute<?>> rest = new ArrayList<>();
    for (FileAttribute<?> a : attrs) {
      if (!a.name().equals(OwnerOnlyAcl.ATTRIBUTE)) {
        rest.add(a);
      }
    }
    return rest.toArray(new FileAttribute<?>[0]);
  }

  static void setAcl(DelegateAccess access, Path entry, List<AclEntry> acl) throws IOException {
    access.getFileAttributeView(entry, AclFileAttributeView.class, NOFOLLOW_LINKS).setAcl(acl);
  }
}
