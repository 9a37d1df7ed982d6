package dev.scratchfs.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The two figures every quota test compares: what a scratch file system says it holds (its {@code
 * FileStore}: total minus usable space), and what its root on disk really holds (a walk under
 * {@link TmpFileSystems#unwrap} that sums the sizes of regular files, each inode once).
 */
final class Usage {
  private Usage() {}

  /**
   * Returns the bytes the file system counts against its quota.
   *
   * @param fs a scratch file system with a quota
   * @return {@code getTotalSpace() - getUsableSpace()} of its file store
   */
  static long counted(FileSystem fs) throws IOException {
    FileStore store = Files.getFileStore(fs.getPath("/"));
    return store.getTotalSpace() - store.getUsableSpace();
  }

  /**
   * Returns the bytes the regular files under the file system's root hold on disk, each file
   * counted once however many names it has (by {@code fileKey}); links are not followed.
   *
   * @param fs a scratch file system over the default file system
   * @return the sum of the sizes of the distinct regular files
   */
  static long onDisk(FileSystem fs) throws IOException {
    Set<Object> seen = new HashSet<>();
    long[] total = {0};
    Path root = TmpFileSystems.unwrap(fs.getPath("/"));
    Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Object key = attrs.fileKey();
            if (attrs.isRegularFile() && (key == null || seen.add(key))) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return total[0];
  }

  /**
   * Asserts that the file system counts exactly what is on disk, and that this is within its
   * quota.
   *
   * @param fs a scratch file system with a quota
   * @param when what just happened, for the message
   */
  static void assertCountedIsOnDisk(FileSystem fs, String when) throws IOException {
    long onDisk = onDisk(fs);
    long quota = Files.getFileStore(fs.getPath("/")).getTotalSpace();
    assertEquals(onDisk, counted(fs), when + ": counted vs on disk (quota " + quota + ")");
    assertTrue(onDisk <= quota, when + ": " + onDisk + " bytes on disk, past the quota " + quota);
  }
}
