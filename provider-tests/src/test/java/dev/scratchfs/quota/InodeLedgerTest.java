package dev.scratchfs.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ledger of one file system: each row is a history of operations on files named by letters
 * (standing for inodes), and what the quota counts afterwards, in total and file by file ({@code
 * counted/names/open}, or {@code gone} once given back).
 */
class InodeLedgerTest {
  /**
   * Steps, by file letter {@code f} and sizes {@code N}.
   *
   * <ul>
   *   <li>{@code make f N}: a channel creates the file, writes N bytes and closes;
   *   <li>{@code openNew f N} / {@code open f N}: a channel opens a new / an existing file of N
   *       bytes and stays open; {@code openUnlinked f N}: opens an existing file and the delegate
   *       removes the name at once (Unix {@code DELETE_ON_CLOSE});
   *   <li>{@code close f N}: the oldest open channel of f closes, the file then N bytes; {@code
   *       closeRemoving f}: it closes and its close removes a name (emulated {@code
   *       DELETE_ON_CLOSE});
   *   <li>{@code link f N}: a hard link to f (N bytes when read); {@code delete f}: a name of f
   *       deleted; {@code replace f}: a name of f replaced by a move;
   *   <li>{@code moveIn f:N g:M ...}: names arrive by a move ({@code moveIn over=h ...} replaces a
   *       name of h); {@code moveOut f ...}: names leave.
   * </ul>
   */
  static Stream<Arguments> histories() {
    return Stream.of(
        row("a file is counted once it is written", 1_000,
            "make a 100", 100, "a=100/1/0"),
        row("deleting its only name gives its bytes back", 1_000,
            "make a 100; delete a", 0, "a=gone"),
        row("a second name costs nothing, and the first deleted frees nothing", 1_000,
            "make a 100; link a 100; delete a", 100, "a=100/1/0"),
        row("the last of two names deleted frees the file", 1_000,
            "make a 100; link a 100; delete a; delete a", 0, "a=gone"),
        row("a file deleted while open stays counted", 1_000,
            "openNew a 0; delete a", 0, "a=0/0/1"),
        row("...and its bytes come back when the channel closes, grown or not", 1_000,
            "openNew a 0; delete a; close a 300", 0, "a=gone"),
        row("two channels of a deleted file: counted until the last closes", 1_000,
            "make b 70; openNew a 0; open a 0; delete a; close a 1000; close a 1000",
            70, "a=gone b=70/1/0"),
        row("...and still counted after only the first closed", 1_000,
            "make b 70; openNew a 0; open a 0; delete a; close a 900", 970, "a=900/0/1 b=70/1/0"),
        row("DELETE_ON_CLOSE done by the delegate at open, on one of two names", 1_000,
            "make a 300; link a 300; openUnlinked a 300; close a 350", 350, "a=350/1/0"),
        row("DELETE_ON_CLOSE emulated at close, on the only name", 1_000,
            "openNew a 0; closeRemoving a", 0, "a=gone"),
        row("DELETE_ON_CLOSE emulated at close, on one of two names", 1_000,
            "make a 200; link a 200; open a 200; closeRemoving a", 200, "a=200/1/0"),
        row("a file first met by a link is counted, with one name besides", 1_000,
            "link a 60", 60, "a=60/2/0"),
        row("a file first met by a channel is counted at its size", 1_000,
            "open a 80; close a 80", 80, "a=80/1/0"),
        row("deleting a file never counted gives nothing back", 1_000,
            "make b 10; delete a", 10, "a=gone b=10/1/0"),
        row("names arriving together are charged once", 1_000,
            "moveIn a:400 a:400 b:50", 450, "a=400/2/0 b=50/1/0"),
        row("a name arriving for a file counted here costs nothing", 1_000,
            "make a 400; moveIn a:400", 400, "a=400/2/0"),
        row("a move that replaces a file frees it", 1_000,
            "make c 900; moveIn over=c a:500", 500, "a=500/1/0 c=gone"),
        row("a move that replaces one of two names frees nothing", 2_000,
            "make c 900; link c 900; moveIn over=c a:500", 1_400, "a=500/1/0 c=900/1/0"),
        row("a name replaced by a move within the file system frees its file", 1_000,
            "make a 100; replace a", 0, "a=gone"),
        row("one of two names moved out: the file stays", 1_000,
            "make a 400; link a 400; moveOut a", 400, "a=400/1/0"),
        row("both names moved out: the file goes", 1_000,
            "make a 400; link a 400; moveOut a a", 0, "a=gone"),
        row("moved out while open: counted until the channel closes", 1_000,
            "openNew a 400; moveOut a", 400, "a=400/0/1"));
  }

  private static Arguments row(
      String history, long limit, String steps, long used, String accounts) {
    return Arguments.of(history, limit, steps, used, accounts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void history(String history, long limit, String steps, long used, String accounts)
      throws IOException {
    Files files = new Files(new InodeLedger(new Quota(limit)));
    for (String step : steps.split("; ")) {
      files.run(step);
    }
    assertEquals(used, files.ledger.quota().used(), "counted");
    assertEquals(accounts, files.describe(accounts));
    assertEquals(files.sumOfAccounts(), files.ledger.quota().used(), "the total is the files' sum");
  }

  @Test
  void aMoveThatDoesNotFitIsRefusedBeforeItRunsAndCountsNothing() throws IOException {
    Files files = new Files(new InodeLedger(new Quota(1_000)));
    files.run("make a 600");
    boolean[] ran = {false};
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> files.ledger.movingIn(
            List.of(Inode.file("b", 300), Inode.file("c", 200)), null, "/t", () -> ran[0] = true));
    assertTrue(e.getMessage().contains("quota of 1000 bytes exceeded"), e.getMessage());
    assertEquals("/t", e.getFile());
    assertFalse(ran[0], "the move did not run");
    assertEquals(600, files.ledger.quota().used());
    assertNull(files.ledger.account("b"));
  }

  @Test
  void aMoveThatFitsOnlyByReplacingAFileRuns() throws IOException {
    Files files = new Files(new InodeLedger(new Quota(1_000)));
    files.run("make c 900");
    files.ledger.movingIn(List.of(Inode.file("a", 950)), Inode.file("c", 900), "/t", () -> {});
    assertEquals(950, files.ledger.quota().used());
    assertNull(files.ledger.account("c"));
  }

  @Test
  void aFailedMoveGivesItsChargeBack() {
    Files files = new Files(new InodeLedger(new Quota(1_000)));
    assertThrows(IOException.class, () -> files.ledger.movingIn(
        List.of(Inode.file("a", 500)), null, "/t", () -> {
          throw new IOException("the rename failed");
        }));
    assertEquals(0, files.ledger.quota().used());
    assertNull(files.ledger.account("a"));
  }

  /** Runs the steps of a history against a ledger, keeping the open channels of each file. */
  private static final class Files {
    final InodeLedger ledger;
    final Map<String, List<FileAccount>> open = new TreeMap<>();

    Files(InodeLedger ledger) {
      this.ledger = ledger;
    }

    void run(String step) throws IOException {
      String[] w = step.split(" ");
      switch (w[0]) {
        case "make" -> {
          opened(w[1], false, 1, size(w[2]));
          close(w[1], size(w[2]), false);
        }
        case "openNew" -> opened(w[1], false, 1, size(w[2]));
        case "open" -> opened(w[1], true, 0, size(w[2]));
        case "openUnlinked" -> opened(w[1], true, -1, size(w[2]));
        case "close" -> close(w[1], size(w[2]), false);
        case "closeRemoving" -> close(w[1], -1, true);
        case "link" -> ledger.nameAdded(Inode.file(w[1], size(w[2])));
        case "delete" -> ledger.removing(Inode.file(w[1], 0), () -> null);
        case "replace" -> ledger.nameRemoved(Inode.file(w[1], 0));
        case "moveIn" -> moveIn(w);
        case "moveOut" -> {
          List<Inode> names = new ArrayList<>();
          for (int i = 1; i < w.length; i++) {
            names.add(Inode.file(w[i], 0));
          }
          ledger.movedOut(names);
        }
        default -> throw new IllegalArgumentException(step);
      }
    }

    private void moveIn(String[] w) throws IOException {
      Inode replaced = null;
      List<Inode> names = new ArrayList<>();
      for (int i = 1; i < w.length; i++) {
        if (w[i].startsWith("over=")) {
          replaced = Inode.file(w[i].substring(5), 0);
        } else {
          String[] file = w[i].split(":");
          names.add(Inode.file(file[0], size(file[1])));
        }
      }
      ledger.movingIn(names, replaced, "/moved", () -> {});
    }

    private static long size(String s) {
      return Long.parseLong(s);
    }

    private void opened(String file, boolean existed, int nameChange, long size)
        throws IOException {
      FileAccount account = ledger.opened(file, existed, nameChange, () -> size);
      open.computeIfAbsent(file, k -> new ArrayList<>()).add(account);
    }

    private void close(String file, long size, boolean removesName) {
      FileAccount account = open.get(file).remove(0);
      ledger.lockFor(file).lock();
      try {
        ledger.closed(file, account, size, removesName);
      } finally {
        ledger.lockFor(file).unlock();
      }
    }

    /** The accounts of the files the expectation names, in its order. */
    String describe(String expected) {
      StringBuilder out = new StringBuilder();
      for (String part : expected.split(" ")) {
        String file = part.substring(0, part.indexOf('='));
        FileAccount a = ledger.account(file);
        out.append(out.length() == 0 ? "" : " ").append(file).append('=').append(a == null
            ? "gone"
            : a.counted() + "/" + a.names() + "/" + a.handles());
      }
      return out.toString();
    }

    long sumOfAccounts() {
      long sum = 0;
      for (String file : List.of("a", "b", "c")) {
        FileAccount a = ledger.account(file);
        sum += a == null ? 0 : a.counted();
      }
      return sum;
    }
  }
}
