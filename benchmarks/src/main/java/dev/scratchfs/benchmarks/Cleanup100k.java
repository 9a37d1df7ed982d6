package dev.scratchfs.benchmarks;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Cleanup} of a tree of 100,000 files: two shots per target, each itself 100,000 deletions,
 * because building the tree dominates the run time (inode allocation was about 0.4 ms per file on
 * the disk of the recorded run).
 */
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class Cleanup100k extends Cleanup {
  @Override
  int files() {
    return 100000;
  }
}
