package dev.scratchfs.confinement;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, class 8: a copy inside {@code tmp:} is created with its final, owner-only mode. Today
 * the delegate creates it with the source's mode and {@code tmp:} narrows it afterwards, so for the
 * whole time the data is copied the file is as wide as its source.
 *
 * <p>The source is made {@code rwxrwxrwx} on disk behind the library's back (through {@code
 * unwrap}, as another program of the owner may), and is large enough that each copy takes a few
 * milliseconds. A watcher thread reads the target's mode on disk as fast as it can while the copy
 * is made again and again, for at most three seconds; it must never see a group or other bit.
 */
@Tag("issue10")
class CopyModeTest {
  private static final Set<PosixFilePermission> OWNER =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final int SIZE = 8 << 20;

  @TempDir Path testDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"copy", "copy with COPY_ATTRIBUTES", "copy into another tmp: file system"})
  void copyIsNeverSeenWiderThanOwnerOnly(String how) throws Exception {
    try (FileSystem fs = TmpFileSystems.builder().dir(testDir).build();
        FileSystem other = TmpFileSystems.builder().dir(testDir).build()) {
      Path source = fs.getPath("/source.bin");
      Files.write(source, new byte[SIZE]);
      Files.setPosixFilePermissions(TmpFileSystems.unwrap(source),
          PosixFilePermissions.fromString("rwxrwxrwx"));
      Path target = (how.contains("another") ? other : fs).getPath("/copy.bin");
      CopyOption[] options = how.contains("COPY_ATTRIBUTES")
          ? new CopyOption[] {StandardCopyOption.COPY_ATTRIBUTES} : new CopyOption[0];
      Path onDisk = TmpFileSystems.unwrap(target);

      Set<String> seen = java.util.Collections.synchronizedSet(new TreeSet<>());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger looks = new AtomicInteger();
      Thread watcher = new Thread(() -> {
        while (!stop.get()) {
          try {
            Set<PosixFilePermission> mode = Files.readAttributes(
                onDisk, PosixFileAttributes.class, NOFOLLOW_LINKS).permissions();
            looks.incrementAndGet();
            if (!OWNER.containsAll(mode)) {
              seen.add(PosixFilePermissions.toString(mode));
            }
          } catch (NoSuchFileException notThereNow) {
            // between two copies
          } catch (IOException e) {
            seen.add("unreadable: " + e);
          }
        }
      }, "mode watcher");
      watcher.start();
      int copies = 0;
      try {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (copies < 20 && System.nanoTime() < end && seen.isEmpty()) {
          Files.copy(source, target, options);
          assertEquals(SIZE, Files.size(target));
          Files.delete(target);
          copies++;
        }
      } finally {
        stop.set(true);
        watcher.join(TimeUnit.SECONDS.toMillis(10));
      }
      assertTrue(looks.get() > 0, "the watcher saw the copy at least once");
      assertEquals(Set.of(), seen,
          how + " of a rwxrwxrwx file, seen on disk " + looks.get() + " times in " + copies
              + " copies");
    }
  }
}
