package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

/**
 * Runs one seeded random sequence of writes, seeks (also past the end), reads and truncations on a
 * real {@link FileChannel} over a new file and on the channel under test, and asserts that every
 * result, position, size and the final contents are the same.
 */
final class SameAsFileChannel {
  /** Called before each step, e.g. to roll a spooled file over at a chosen moment. */
  @FunctionalInterface
  interface BeforeStep {
    void run(int step) throws IOException;
  }

  private SameAsFileChannel() {}

  static void check(
      Path referenceFile, SeekableByteChannel tested, long seed, int steps, BeforeStep beforeStep)
      throws IOException {
    Random random = new Random(seed);
    try (FileChannel reference =
        FileChannel.open(
            referenceFile,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
      for (int step = 0; step < steps; step++) {
        beforeStep.run(step);
        String where = "seed " + seed + ", step " + step;
        switch (random.nextInt(4)) {
          case 0 -> {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertEquals(
                reference.write(ByteBuffer.wrap(bytes)),
                tested.write(ByteBuffer.wrap(bytes)),
                where);
          }
          case 1 -> {
            long to = random.nextInt((int) reference.size() + 100);
            reference.position(to);
            tested.position(to);
          }
          case 2 -> {
            int length = random.nextInt(150);
            ByteBuffer expected = ByteBuffer.allocate(length);
            ByteBuffer actual = ByteBuffer.allocate(length);
            assertEquals(reference.read(expected), tested.read(actual), where);
            assertArrayEquals(expected.array(), actual.array(), where);
          }
          default -> {
            long to = random.nextInt((int) reference.size() + 50);
            reference.truncate(to);
            tested.truncate(to);
          }
        }
        assertEquals(reference.position(), tested.position(), where);
        assertEquals(reference.size(), tested.size(), where);
      }
      assertArrayEquals(contents(reference), contents(tested), "final contents, seed " + seed);
    }
  }

  static byte[] contents(SeekableByteChannel channel) throws IOException {
    long position = channel.position();
    ByteBuffer all = ByteBuffer.allocate((int) channel.size());
    channel.position(0);
    while (all.hasRemaining() && channel.read(all) >= 0) {
      // read until full
    }
    channel.position(position);
    return Arrays.copyOf(all.array(), all.position());
  }
}
