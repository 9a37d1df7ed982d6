package dev.scratchfs.policy;

import dev.scratchfs.io.IoFunction;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The owner-only policy for {@code Files.setAttribute(path, "view:name", value)}: permission
 * attributes are masked to the owner's bits; owner and group attributes may only be set to what
 * they already are (a no-op that archive extractors perform); ACLs are refused; anything else
 * passes unchanged.
 */
public final class AttributePolicy {
  /** Ownership attributes, by qualified name, with the name the view reads them back under. */
  private static final Map<String, String> OWNERSHIP = Map.of(
      "posix:owner", "posix:owner", "owner:owner", "owner:owner", "unix:owner", "unix:owner",
      "posix:group", "posix:group", "unix:group", "unix:group", "unix:uid", "unix:uid",
      "unix:gid", "unix:gid", "acl:owner", "acl:owner");

  private static final Set<String> REFUSED = Set.of("acl:acl");

  private AttributePolicy() {}

  /**
   * Returns the value to set in place of {@code value}.
   *
   * @param attribute the attribute as given, {@code [view:]name}
   * @param value the requested value
   * @param path the caller's path, for a refusal
   * @param current reads an attribute's current value, by qualified name
   * @return the value to pass to the delegate
   * @throws AccessDeniedException if the attribute would hand the entry to another owner or group,
   *     or change its ACL
   * @throws ClassCastException if a permission value has the wrong type, like the JDK
   * @throws NullPointerException if a permission, owner or group value is null, like the JDK
   * @throws IOException if the current owner or group cannot be read
   */
  public static Object check(
      String attribute, Object value, String path, IoFunction<String, Object> current)
      throws IOException {
    String qualified = attribute.indexOf(':') < 0 ? "basic:" + attribute : attribute;
    if (REFUSED.contains(qualified)) {
      throw OwnerOnlyViews.ownerChangeRefused(path);
    }
    if (OWNERSHIP.containsKey(qualified)) {
      Objects.requireNonNull(value, attribute);
      if (!value.equals(current.apply(OWNERSHIP.get(qualified)))) {
        throw OwnerOnlyViews.ownerChangeRefused(path);
      }
      return value;
    }
    if (qualified.equals("posix:permissions") || qualified.equals("unix:permissions")) {
      @SuppressWarnings("unchecked")
      Set<PosixFilePermission> perms = (Set<PosixFilePermission>) value;
      return OwnerOnlyPermissions.mask(perms);
    }
    if (qualified.equals("unix:mode")) {
      return OwnerOnlyPermissions.maskMode((Integer) value);
    }
    return value;
  }
}
