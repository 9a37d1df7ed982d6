package dev.scratchfs.quota;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Sums the sizes of the regular files of a tree, never following links ({@code walkFileTree}
 * without {@code FOLLOW_LINKS}): the count a quota starts from when a tree is recounted or moved in.
 */
final class TreeSize {
  private TreeSize() {}

  static long of(Path tree) throws IOException {
    long[] total = {0};
    FileVisitor<Path> visitor =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // deleted meanwhile: it holds nothing
            }
            throw e;
          }
        };
    Files.walkFileTree(tree, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE, visitor);
    return total[0];
  }
}
