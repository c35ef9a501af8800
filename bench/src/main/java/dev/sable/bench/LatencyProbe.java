package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import org.HdrHistogram.Histogram;

/**
 * Per-command latency: times each {@code apply} with System.nanoTime (which adds some tens of
 * nanoseconds per sample) over whole passes of a workload, after warm-up passes.
 */
public final class LatencyProbe {
  private LatencyProbe() {}

  public static Histogram measure(MatchingWorkload workload, int warmupPasses, int passes) {
    Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    for (int pass = 0; pass < warmupPasses + passes; pass++) {
      boolean record = pass >= warmupPasses;
      Sequencer s = workload.start();
      for (Command c : workload.commands()) {
        long t0 = System.nanoTime();
        s.apply(c);
        long t1 = System.nanoTime();
        if (record) {
          histogram.recordValue(t1 - t0);
        }
      }
    }
    return histogram;
  }
}
