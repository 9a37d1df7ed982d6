package dev.scratchfs.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Cleanup} of a tree of 10000 files. */
@Warmup(iterations = 4)
@Measurement(iterations = 10)
@Fork(2)
public class Cleanup10k extends Cleanup {
  @Override
  int files() {
    return 10000;
  }
}
