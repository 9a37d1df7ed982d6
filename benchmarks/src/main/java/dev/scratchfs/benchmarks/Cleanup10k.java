package dev.scratchfs.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Cleanup} of a tree of 10,000 files. */
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(1)
public class Cleanup10k extends Cleanup {
  @Override
  int files() {
    return 10000;
  }
}
