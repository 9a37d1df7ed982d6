package dev.scratchfs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link Failures}: every step attempted, the first failure thrown, the rest suppressed in it. */
class FailuresTest {
  @Test
  void theFirstFailureCarriesTheLaterOnes() {
    IOException a = new IOException("a");
    IOException b = new IOException("b");
    IOException c = new IOException("c");
    Failures failures = new Failures();
    int[] ran = {0};
    assertFalse(failures.attempt(() -> {
      ran[0]++;
      throw a;
    }));
    assertTrue(failures.attempt(() -> ran[0]++));
    assertFalse(failures.attempt(() -> {
      ran[0]++;
      throw b;
    }));
    failures.add(c);
    failures.add(null);
    assertSame(a, failures.first());
    assertArrayEquals(new Throwable[] {b, c}, a.getSuppressed());
    assertSame(a, assertThrows(IOException.class, failures::throwIfAny));
    assertArrayEquals(new int[] {3}, ran);
  }

  @Test
  void anEarlierFailureStaysFirstAndNothingIsThrownWithoutOne() throws IOException {
    IOException earlier = new IOException("earlier");
    Failures failures = new Failures(earlier);
    failures.attempt(() -> {
      throw new IOException("later");
    });
    assertSame(earlier, failures.first());
    assertNull(new Failures().first());
    new Failures().throwIfAny();
  }
}
