package dev.scratchfs.policy;

import java.nio.file.AccessDeniedException;
import java.util.Set;

/**
 * The owner-only policy for {@code Files.setAttribute(path, "view:name", value)}: permission
 * attributes are masked to the owner's bits, owner, group and ACL attributes are refused, anything
 * else passes unchanged.
 */
public final class AttributePolicy {
  private static final Set<String> REFUSED =
      Set.of(
          "posix:owner", "posix:group", "owner:owner", "unix:owner", "unix:group", "unix:uid",
          "unix:gid", "acl:acl", "acl:owner");

  private AttributePolicy() {}

  /**
   * Returns the value to set in place of {@code value}.
   *
   * @param attribute the attribute as given, {@code [view:]name}
   * @param value the requested value
   * @param path the caller's path, for a refusal
   * @return the value to pass to the delegate
   * @throws AccessDeniedException if the attribute would change the owner, group or ACL
   * @throws ClassCastException if a permission value has the wrong type, like the JDK
   */
  public static Object check(String attribute, Object value, String path)
      throws AccessDeniedException {
    String qualified = attribute.indexOf(':') < 0 ? "basic:" + attribute : attribute;
    if (REFUSED.contains(qualified)) {
      throw OwnerOnlyViews.ownerChangeRefused(path);
    }
    if (qualified.equals("posix:permissions") || qualified.equals("unix:permissions")) {
      @SuppressWarnings("unchecked")
      Set<java.nio.file.attribute.PosixFilePermission> perms =
          (Set<java.nio.file.attribute.PosixFilePermission>) value;
      return OwnerOnlyPermissions.mask(perms);
    }
    if (qualified.equals("unix:mode")) {
      return OwnerOnlyPermissions.maskMode((Integer) value);
    }
    return value;
  }
}
