package dev.scratchfs.policy;

import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import com.google.common.collect.Sets;
import java.nio.file.FileSystem;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The owner-only permission policy: whatever a caller asks for, a scratch file or directory never
 * grants anything to the group or to others.
 *
 * <p>A requested set is intersected with {@code rwx------}; when nothing is requested, files get
 * {@code rw-------} and directories {@code rwx------}. The mode is passed to the creating call
 * itself, so there is no moment in which the entry is wider than the result. A process umask can only
 * narrow the mode further, never widen it.
 */
public final class OwnerOnlyPermissions {
  /** The bits a scratch entry may ever carry. */
  public static final Set<PosixFilePermission> OWNER_BITS =
      Collections.unmodifiableSet(EnumSet.of(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE));

  /** The mode of a new file when the caller asks for none: {@code rw-------}. */
  public static final Set<PosixFilePermission> FILE =
      Collections.unmodifiableSet(EnumSet.of(OWNER_READ, OWNER_WRITE));

  /** The mode of a new directory when the caller asks for none: {@code rwx------}. */
  public static final Set<PosixFilePermission> DIRECTORY = OWNER_BITS;

  private static final String POSIX_PERMISSIONS = "posix:permissions";
  private static final String UNIX_PERMISSIONS = "unix:permissions";

  /** The creation attribute of {@link #FILE}: immutable, so one serves every creation. */
  private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = new Mode(FILE);

  /** The creation attribute of {@link #DIRECTORY}. */
  private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE = new Mode(DIRECTORY);

  private OwnerOnlyPermissions() {}

  /**
   * Returns the request intersected with the owner's bits.
   *
   * @param requested the permissions asked for, not null
   * @return a new set holding only owner bits of {@code requested}
   * @throws NullPointerException if the set or an element is null, as the JDK throws
   */
  public static Set<PosixFilePermission> mask(Set<PosixFilePermission> requested) {
    EnumSet<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : requested) {
      Objects.requireNonNull(p, "permission");
      if (OWNER_BITS.contains(p)) {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * Returns a numeric mode (as in {@code unix:mode}) with everything but the owner's rwx bits cleared.
   *
   * @param mode the requested mode
   * @return {@code mode & 0700}
   */
  public static int maskMode(int mode) {
    return mode & 0700;
  }

  /**
   * Tells whether the file system supports the {@code posix} attribute view, and so the policy.
   *
   * @param fs the file system
   * @return true if permissions can be set there
   */
  public static boolean appliesTo(FileSystem fs) {
    return fs.supportedFileAttributeViews().contains("posix");
  }

  /**
   * Returns the creation attributes to pass on to a delegate: the caller's, each read once into an
   * immutable copy (so an attribute object that answers differently on a second call cannot slip
   * past the mask), with any permission attribute masked, and an owner-only permission attribute
   * added when there was none. The array is new at every call (it goes to providers the caller may
   * have written); the attributes in it never change.
   *
   * @param attrs the caller's attributes, not null
   * @param directory whether a directory is being created
   * @return the attributes to create with
   * @throws NullPointerException if an attribute, its name or its value is null
   * @throws ClassCastException if a permission attribute does not hold permissions
   */
  public static FileAttribute<?>[] forCreation(FileAttribute<?>[] attrs, boolean directory) {
    if (attrs.length == 0) {
      // The common case: nothing to read from the caller, the policy's own mode.
      return new FileAttribute<?>[] {directory ? DIRECTORY_MODE : FILE_MODE};
    }
    FileAttribute<?>[] result = snapshot(attrs, 1);
    boolean found = false;
    for (int i = 0; i < attrs.length; i++) {
      String name = result[i].name();
      if (POSIX_PERMISSIONS.equals(name) || UNIX_PERMISSIONS.equals(name)) {
        result[i] = new Mode(mask(permissionsOf(name, result[i].value())));
        found = true;
      }
    }
    if (found) {
      return Arrays.copyOf(result, attrs.length);
    }
    result[attrs.length] = directory ? DIRECTORY_MODE : FILE_MODE;
    return result;
  }

  /**
   * An owner-only mode to create with, as {@code PosixFilePermissions.asFileAttribute} makes one,
   * but immutable: its value is the same immutable set at every call (the JDK's wraps its copy
   * again at every call of {@code value()}), and one that jimfs takes without copying it again.
   */
  private static final class Mode implements FileAttribute<Set<PosixFilePermission>> {
    private final Set<PosixFilePermission> permissions;

    Mode(Set<PosixFilePermission> permissions) {
      this.permissions = Sets.immutableEnumSet(permissions);
    }

    @Override
    public String name() {
      return POSIX_PERMISSIONS;
    }

    @Override
    public Set<PosixFilePermission> value() {
      return permissions;
    }

    @Override
    public String toString() {
      return POSIX_PERMISSIONS + "=" + permissions;
    }
  }

  /**
   * Copies attributes into immutable ones that answer what the originals answered once.
   *
   * @param attrs the caller's attributes
   * @param spare how many empty slots to leave at the end
   * @return the copies
   * @throws NullPointerException if an attribute, its name or its value is null
   */
  public static FileAttribute<?>[] snapshot(FileAttribute<?>[] attrs, int spare) {
    FileAttribute<?>[] result = new FileAttribute<?>[attrs.length + spare];
    for (int i = 0; i < attrs.length; i++) {
      result[i] = new Fixed(attrs[i].name(), attrs[i].value());
    }
    return result;
  }

  /** A creation attribute whose name and value were read once. */
  private static final class Fixed implements FileAttribute<Object> {
    private final String name;
    private final Object value;

    Fixed(String name, Object value) {
      this.name = Objects.requireNonNull(name, "attribute name");
      this.value = value instanceof Set ? Set.copyOf((Set<?>) value) : value;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Object value() {
      return value;
    }

    @Override
    public String toString() {
      return name + "=" + value;
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<PosixFilePermission> permissionsOf(String name, Object value) {
    if (!(value instanceof Set)) {
      throw new IllegalArgumentException(
          "attribute " + name + " must hold a Set<PosixFilePermission>: " + value);
    }
    for (Object o : (Set<?>) value) {
      if (!(o instanceof PosixFilePermission)) {
        throw new ClassCastException(
            "attribute " + name + " holds a " + o.getClass().getName()
                + ", not a PosixFilePermission");
      }
    }
    return (Set<PosixFilePermission>) value;
  }
}
