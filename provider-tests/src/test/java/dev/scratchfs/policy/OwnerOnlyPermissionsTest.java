package dev.scratchfs.policy;

import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The creation attributes {@link OwnerOnlyPermissions#forCreation} hands to a delegate: the
 * policy's own mode shared by every creation but never changeable, a fresh array every time, and
 * a caller's attributes read exactly once.
 */
class OwnerOnlyPermissionsTest {
  @Test
  void withoutAttributesTheModeIsOwnerOnlyUnchangeableAndTheArrayNewEachTime() {
    FileAttribute<?>[] file = OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], false);
    FileAttribute<?>[] again = OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], false);
    FileAttribute<?>[] dir = OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], true);
    assertNotSame(file, again, "a provider that writes into the array changes only its own");
    assertEquals(1, file.length);
    assertEquals("posix:permissions", file[0].name());
    assertEquals(EnumSet.of(OWNER_READ, OWNER_WRITE), file[0].value());
    assertEquals(EnumSet.of(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE), dir[0].value());
    @SuppressWarnings("unchecked")
    Set<PosixFilePermission> mode = (Set<PosixFilePermission>) file[0].value();
    assertThrows(UnsupportedOperationException.class, () -> mode.add(OTHERS_READ));
    assertThrows(UnsupportedOperationException.class, mode::clear);
    assertSame(mode, file[0].value());
    file[0] = PosixFilePermissions.asFileAttribute(EnumSet.allOf(PosixFilePermission.class));
    assertEquals(EnumSet.of(OWNER_READ, OWNER_WRITE),
        OwnerOnlyPermissions.forCreation(new FileAttribute<?>[0], false)[0].value(),
        "what a provider did to an earlier array reaches no later creation");
  }

  @Test
  void aCallersAttributeIsReadOnceAndLaterChangesReachNothing() {
    AtomicInteger names = new AtomicInteger();
    AtomicInteger values = new AtomicInteger();
    Set<PosixFilePermission> asked = new HashSet<>(Set.of(OWNER_READ, GROUP_WRITE));
    FileAttribute<Set<PosixFilePermission>> shifty = new FileAttribute<>() {
      @Override
      public String name() {
        return names.incrementAndGet() == 1 ? "posix:permissions" : "posix:owner";
      }

      @Override
      public Set<PosixFilePermission> value() {
        return values.incrementAndGet() == 1 ? asked : EnumSet.allOf(PosixFilePermission.class);
      }
    };
    FileAttribute<?>[] result =
        OwnerOnlyPermissions.forCreation(new FileAttribute<?>[] {shifty}, false);
    assertEquals(1, names.get());
    assertEquals(1, values.get());
    assertEquals(1, result.length);
    assertEquals("posix:permissions", result[0].name());
    assertEquals(EnumSet.of(OWNER_READ), result[0].value());
    asked.add(OWNER_WRITE);
    assertEquals(EnumSet.of(OWNER_READ), result[0].value(), "a copy, not the caller's set");
  }
}
