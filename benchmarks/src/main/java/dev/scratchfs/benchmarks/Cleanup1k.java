package dev.scratchfs.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Cleanup} of a tree of 1,000 files. */
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(2)
public class Cleanup1k extends Cleanup {
  @Override
  int files() {
    return 1000;
  }
}
