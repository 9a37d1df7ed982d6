package dev.scratchfs.quota;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.DELETE_ON_CLOSE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which file a new channel holds, and what its open did to the file's names, told from the file as
 * read before and after the open. Each row opens a real channel on a 100-byte file (the
 * "delegate's"), with the reads the provider would have made, and checks the file's account while
 * the channel is open and what the quota counts once it closed.
 */
class QuotaChannelsTest {
  private static final Inode FILE = Inode.file("f", 100);
  private static final Inode DIRECTORY = new Inode("d", 4096, false);
  private static final Set<OpenOption> RW = Set.of(READ, WRITE);
  private static final Set<OpenOption> RW_DOC = Set.of(READ, WRITE, DELETE_ON_CLOSE);

  @TempDir Path dir;

  static Stream<Arguments> opens() {
    return Stream.of(
        row("an existing file, first met: one name", FILE, FILE, RW, RW, "100/1/1", 150),
        row("a file the open created: its name is counted", null, FILE, RW, RW, "100/1/1", 150),
        row("DELETE_ON_CLOSE done by the delegate at once: the name is gone at open",
            FILE, null, RW_DOC, RW_DOC, "100/0/1", 0),
        row("DELETE_ON_CLOSE taken out by an outer layer: the name goes when it closes",
            FILE, FILE, RW_DOC, RW, "100/1/1", 0),
        row("a file created and unnamed at once: counted while open, by no name",
            null, null, RW_DOC, RW_DOC, null, 0));
  }

  private static Arguments row(String open, Inode before, Inode after, Set<OpenOption> requested,
      Set<OpenOption> passed, String whileOpen, long afterClose) {
    return Arguments.of(open, before, after, requested, passed, whileOpen, afterClose);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opens")
  void open(String open, Inode before, Inode after, Set<OpenOption> requested,
      Set<OpenOption> passed, String whileOpen, long afterClose) throws IOException {
    Path file = Files.write(dir.resolve("f"), new byte[100]);
    InodeLedger ledger = new InodeLedger(new Quota(1_000));
    Inode[] reads = {before, after};
    int[] read = {0};
    FileChannel channel = QuotaChannels.openFile(ledger, () -> reads[read[0]++], "/f", requested,
        passed, () -> FileChannel.open(file, READ, WRITE));
    assertInstanceOf(QuotaFileChannel.class, channel);
    assertEquals(2, read[0], "read before and after the open");
    assertEquals(100, ledger.quota().used(), "counted while open");
    FileAccount account = ledger.account("f");
    if (whileOpen == null) {
      assertNull(account, "held under a key of its own");
    } else {
      assertEquals(whileOpen, account.counted() + "/" + account.names() + "/" + account.handles());
    }
    channel.write(ByteBuffer.allocate(50), 100);
    assertEquals(150, ledger.quota().used(), "a write past the end is counted");
    channel.close();
    assertEquals(afterClose, ledger.quota().used(), "counted after close");
  }

  /** A channel on anything but a regular file holds nothing of the quota's: it is left as it is. */
  @ParameterizedTest(name = "read before: {0}")
  @MethodSource("directoryReads")
  void aChannelOnADirectoryIsNotWrapped(String name, Inode before, Inode after)
      throws IOException {
    Path file = Files.write(dir.resolve("f"), new byte[100]);
    InodeLedger ledger = new InodeLedger(new Quota(1_000));
    Inode[] reads = {before, after};
    int[] read = {0};
    FileChannel delegate = FileChannel.open(file, READ);
    try (FileChannel channel = QuotaChannels.openFile(
        ledger, () -> reads[read[0]++], "/d", Set.of(READ), Set.of(READ), () -> delegate)) {
      assertSame(delegate, channel);
    }
    assertEquals(0, ledger.quota().used());
  }

  static Stream<Arguments> directoryReads() {
    return Stream.of(
        Arguments.of("a directory before and after", DIRECTORY, DIRECTORY),
        Arguments.of("a directory, then nothing", DIRECTORY, null));
  }

  /** A refused write writes nothing, and the count stays what the file holds. */
  @ParameterizedTest(name = "write of {0} bytes at 0 of a 100-byte file, quota 150")
  @MethodSource("writes")
  void writesAreChargedForTheirGrowthOnly(int bytes, boolean refused, long counted)
      throws IOException {
    Path file = Files.write(dir.resolve("f"), new byte[100]);
    InodeLedger ledger = new InodeLedger(new Quota(150));
    Inode[] reads = {FILE, FILE};
    int[] read = {0};
    try (FileChannel channel = QuotaChannels.openFile(ledger, () -> reads[read[0]++], "/f", RW, RW,
        () -> FileChannel.open(file, CREATE, READ, WRITE))) {
      ByteBuffer data = ByteBuffer.allocate(bytes);
      if (refused) {
        assertThrows(FileSystemException.class, () -> channel.write(data, 0));
        assertEquals(bytes, data.remaining(), "nothing taken from the buffer");
      } else {
        assertEquals(bytes, channel.write(data, 0));
      }
      assertEquals(counted, channel.size());
      assertEquals(counted, ledger.quota().used());
    }
  }

  static Stream<Arguments> writes() {
    return Stream.of(
        Arguments.of(100, false, 100L),
        Arguments.of(150, false, 150L),
        Arguments.of(151, true, 100L),
        Arguments.of(0, false, 100L));
  }
}
