package dev.scratchfs.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accounting of one file: when it is held (a name in the file system or an open channel), and
 * what each settlement to a new size changes. One row per life of a file.
 */
class FileAccountTest {
  /**
   * Steps: {@code +n}/{@code -n} a name more/fewer, {@code open}/{@code close} a channel, {@code
   * size=N} a settlement to N bytes (the change it returns is checked against the row's deltas).
   */
  static Stream<Arguments> lives() {
    return Stream.of(
        row("made by an open, then closed: held by its name", 0,
            "+n open size=100 close", List.of(100L), 1, 0, false),
        row("its last name deleted while closed: unheld", 0,
            "+n open size=100 close -n", List.of(100L), 0, 0, true),
        row("its last name deleted while open: held until the channel closes", 0,
            "+n open size=100 -n", List.of(100L), 0, 1, false),
        row("...and unheld once it closes", 0,
            "+n open size=100 -n close", List.of(100L), 0, 0, true),
        row("two channels: held until the last closes", 0,
            "+n open open -n close", List.of(), 0, 1, false),
        row("one of two names deleted: still held", 1,
            "+n -n", List.of(), 1, 0, false),
        row("made and unnamed at once (DELETE_ON_CLOSE): held by its channel alone", 0,
            "open size=40 size=10 close", List.of(40L, -30L), 0, 0, true),
        row("names never go below none", 1,
            "-n -n -n", List.of(), 0, 0, true),
        row("a close too many never makes handles negative", 1,
            "close close open", List.of(), 1, 1, false),
        row("truncated to 0: the count goes back with it", 1,
            "size=500 size=0 size=0", List.of(500L, -500L, 0L), 1, 0, false));
  }

  private static Arguments row(String life, int names, String steps, List<Long> deltas,
      int expectedNames, int expectedHandles, boolean unheld) {
    return Arguments.of(life, names, steps, deltas, expectedNames, expectedHandles, unheld);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lives")
  void life(String life, int names, String steps, List<Long> deltas, int expectedNames,
      int expectedHandles, boolean unheld) {
    FileAccount account = new FileAccount(names);
    List<Long> seen = new ArrayList<>();
    long lastSize = 0;
    for (String step : steps.split(" ")) {
      switch (step) {
        case "+n" -> account.names(1);
        case "-n" -> account.names(-1);
        case "open" -> account.opened();
        case "close" -> account.closed();
        default -> {
          lastSize = Long.parseLong(step.substring("size=".length()));
          seen.add(account.resize(lastSize));
        }
      }
    }
    assertEquals(deltas, seen, "changes to the quota");
    assertEquals(lastSize, account.counted());
    assertEquals(expectedNames, account.names(), "names");
    assertEquals(expectedHandles, account.handles(), "open channels");
    assertEquals(unheld, account.unheld(), "unheld: " + account);
  }
}
