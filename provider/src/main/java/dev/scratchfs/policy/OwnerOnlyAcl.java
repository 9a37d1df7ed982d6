package dev.scratchfs.policy;

import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The owner-only policy where permissions exist only as ACLs ({@code acl} view without {@code
 * posix}: Windows, jimfs configured so): an entry's ACL names its owner alone.
 *
 * <p>A requested {@code acl:acl} creation attribute is narrowed to its entries for the owner; when
 * nothing is requested, or nothing is left, the owner gets every permission (and, on a directory,
 * the entry is inherited by what is created inside).
 */
public final class OwnerOnlyAcl {
  /** The name of the creation attribute that carries an ACL. */
  public static final String ATTRIBUTE = "acl:acl";

  private OwnerOnlyAcl() {}

  /**
   * Returns the ACL of a new entry that no one but its owner may use.
   *
   * @param owner the owner
   * @param directory whether the entry is a directory
   * @return a one-entry ACL
   */
  public static List<AclEntry> forOwner(UserPrincipal owner, boolean directory) {
    AclEntry.Builder entry = AclEntry.newBuilder()
        .setType(AclEntryType.ALLOW)
        .setPrincipal(owner)
        .setPermissions(EnumSet.allOf(AclEntryPermission.class));
    if (directory) {
      entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
    }
    return List.of(entry.build());
  }

  /**
   * Returns the creation attributes to pass on: the caller's, read once ({@link
   * OwnerOnlyPermissions#snapshot}), with an ACL naming the owner alone.
   *
   * @param attrs the caller's attributes
   * @param owner the owner of what is created
   * @param directory whether a directory is created
   * @return the attributes, holding exactly one {@value #ATTRIBUTE}
   * @throws ClassCastException if a requested ACL is not a list of {@link AclEntry}
   */
  public static FileAttribute<?>[] forCreation(
      FileAttribute<?>[] attrs, UserPrincipal owner, boolean directory) {
    FileAttribute<?>[] copies = OwnerOnlyPermissions.snapshot(attrs, 0);
    List<FileAttribute<?>> result = new ArrayList<>();
    List<AclEntry> acl = new ArrayList<>();
    for (FileAttribute<?> a : copies) {
      if (!a.name().equals(ATTRIBUTE)) {
        result.add(a);
        continue;
      }
      for (Object o : (List<?>) a.value()) {
        AclEntry e = (AclEntry) o;
        if (owner.equals(e.principal())) {
          acl.add(e);
        }
      }
    }
    result.add(attribute(acl.isEmpty() ? forOwner(owner, directory) : List.copyOf(acl)));
    return result.toArray(new FileAttribute<?>[0]);
  }

  /**
   * Returns an ACL as a creation attribute.
   *
   * @param acl the entries
   * @return the attribute {@value #ATTRIBUTE}
   */
  public static FileAttribute<List<AclEntry>> attribute(List<AclEntry> acl) {
    List<AclEntry> fixed = List.copyOf(acl);
    return new FileAttribute<>() {
      @Override
      public String name() {
        return ATTRIBUTE;
      }

      @Override
      public List<AclEntry> value() {
        return fixed;
      }

      @Override
      public String toString() {
        return ATTRIBUTE + "=" + fixed;
      }
    };
  }
}
