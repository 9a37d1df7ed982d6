package dev.scratchfs.reliability;

import dev.scratchfs.TmpFileSystems;
import dev.scratchfs.policy.ExclusiveCreator;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The program the reliability tests run in child JVMs.
 *
 * <ul>
 *   <li>{@code hold DIR}: opens a scratch file system in DIR with files open, prints {@code
 *       CONTAINER <path>} and sleeps until it is killed (never closing the file system).
 *   <li>{@code load DIR PLAIN N}: creates N files in one directory of a scratch file system in DIR
 *       and N files with {@code ExclusiveCreator.secure()} in PLAIN, printing {@code NAME <name>}
 *       for each of the latter, checks the counts, closes, prints {@code DONE}.
 * </ul>
 */
public final class ScratchChild {
  private ScratchChild() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "hold":
        hold(Path.of(args[1]));
        break;
      case "load":
        load(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void hold(Path dir) throws Exception {
    FileSystem fs = TmpFileSystems.builder().dir(dir).build();
    Path work = Files.createDirectory(fs.getPath("/work"));
    FileChannel channel =
        FileChannel.open(work.resolve("open.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.write(java.nio.ByteBuffer.wrap(new byte[4096]));
    OutputStream out = Files.newOutputStream(work.resolve("stream.txt"));
    out.write("held".getBytes(StandardCharsets.UTF_8));
    out.flush();
    Path container = TmpFileSystems.unwrap(fs.getPath("/")).getParent();
    System.out.println("CONTAINER " + container);
    System.out.flush();
    Thread.sleep(600_000); // killed long before; never closes fs, channel or out on purpose
    System.out.println("NOT KILLED " + channel + out);
  }

  private static void load(Path dir, Path plain, int n) throws Exception {
    try (FileSystem fs = TmpFileSystems.builder().dir(dir).build()) {
      Path shared = Files.createDirectory(fs.getPath("/shared"));
      for (int i = 0; i < n; i++) {
        Files.createTempFile(shared, "f", ".tmp");
      }
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < n; i++) {
        Path created = ExclusiveCreator.secure().create(plain, "c", ".x", Files::createFile);
        names.append("NAME ").append(created.getFileName()).append('\n');
      }
      System.out.print(names);
      int count = 0;
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(shared)) {
        for (Path ignored : entries) {
          count++;
        }
      }
      if (count != n) {
        throw new AssertionError("expected " + n + " files in the scratch directory, found " + count);
      }
    }
    System.out.println("DONE");
  }
}
