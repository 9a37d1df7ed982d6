package dev.scratchfs.tempfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-memory channel behind a spooled file behaves as a FileChannel on a new file. */
class MemoryChannelTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void behavesAsAFileChannel(long seed, @TempDir Path tmp) throws IOException {
    try (MemoryChannel memory = new MemoryChannel()) {
      SameAsFileChannel.check(tmp.resolve("reference"), memory, seed, 400, step -> {});
    }
  }

  @Test
  void writingPastTheEndAfterATruncationZeroFillsTheGap() throws IOException {
    try (MemoryChannel memory = new MemoryChannel()) {
      memory.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
      memory.truncate(2);
      memory.position(6);
      memory.write(ByteBuffer.wrap(new byte[] {9}));
      assertArrayEquals(new byte[] {1, 2, 0, 0, 0, 0, 9}, SameAsFileChannel.contents(memory));
    }
  }

  @Test
  void refusesNegativeArgumentsAndUseAfterClose() throws IOException {
    MemoryChannel memory = new MemoryChannel();
    assertThrows(IllegalArgumentException.class, () -> memory.position(-1));
    assertThrows(IllegalArgumentException.class, () -> memory.truncate(-1));
    memory.close();
    memory.close();
    assertFalse(memory.isOpen());
    assertThrows(ClosedChannelException.class, memory::size);
    assertThrows(ClosedChannelException.class, () -> memory.read(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, () -> memory.write(ByteBuffer.allocate(1)));
    assertThrows(ClosedChannelException.class, () -> memory.position(0));
  }

  @Test
  void aWriteBeyondWhatAnArrayCanHoldFailsWithoutChangingAnything() throws IOException {
    try (MemoryChannel memory = new MemoryChannel()) {
      memory.write(ByteBuffer.wrap(new byte[] {1}));
      memory.position(MemoryChannel.MAX_SIZE);
      assertThrows(IOException.class, () -> memory.write(ByteBuffer.wrap(new byte[] {2})));
      assertEquals(1, memory.size());
      assertEquals(MemoryChannel.MAX_SIZE, memory.position());
    }
  }
}
