package dev.scratchfs.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Cleanup} of a tree of 1000 files. */
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(2)
public class Cleanup1k extends Cleanup {
  @Override
  int files() {
    return 1000;
  }
}
