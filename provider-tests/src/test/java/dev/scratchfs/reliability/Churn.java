package dev.scratchfs.reliability;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.scratchfs.TmpFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One round of a file system's life, checked at every step: created in a directory, a file written
 * and read back, its container still holding its lock file, closed without an exception. A reaper
 * that took a live or half-built container for abandoned makes one of these steps fail.
 */
final class Churn {
  private Churn() {}

  static void round(Path dir) throws IOException {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
      byte[] data = new byte[64];
      ThreadLocalRandom.current().nextBytes(data);
      Files.createDirectories(fs.getPath("/a/b"));
      Files.write(fs.getPath("/a/b/f"), data);
      if (!Arrays.equals(Files.readAllBytes(fs.getPath("/a/b/f")), data)) {
        throw new IOException("read back other bytes than written in " + container);
      }
      if (!Files.isRegularFile(container.resolve("owner.lock"), NOFOLLOW_LINKS)
          || !Files.isDirectory(container.resolve("root/a/b"), NOFOLLOW_LINKS)) {
        throw new IOException("the live container was changed under its file system: " + container);
      }
    }
  }
}
