package dev.sable.bench;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Per-command latency: times each {@code apply} with System.nanoTime (two calls cost about 17 ns
 * together on this machine, {@link #clockPair}) over whole passes of a workload, after warm-up
 * passes; overall and by command kind ({@link #kind}), to show which commands make the tail.
 */
public final class LatencyProbe {
  private LatencyProbe() {}

  /** All samples, and the same samples split by command kind. */
  public record Latencies(Histogram all, Map<String, Histogram> byKind) {
    /**
     * One line: each kind's share of the commands, p50, p99 and p99.9 in microseconds, and its
     * share of the samples above the overall p99 (by histogram bucket, so approximate to 0.1%).
     */
    public String line(String workload) {
      long p99 = all.getValueAtPercentile(99);
      long above = all.getCountBetweenValues(all.nextNonEquivalentValue(p99), all.getMaxValue());
      StringBuilder out = new StringBuilder(workload + " by command:");
      String sep = " ";
      for (Map.Entry<String, Histogram> e : byKind.entrySet()) {
        Histogram h = e.getValue();
        long mine = h.getCountBetweenValues(all.nextNonEquivalentValue(p99), all.getMaxValue());
        out.append(
            String.format(
                Locale.ROOT,
                "%s%s %.0f%% of commands p50 %.2f p99 %.2f p99.9 %.2f us, %.0f%% of those above"
                    + " p99",
                sep,
                e.getKey(),
                100.0 * h.getTotalCount() / all.getTotalCount(),
                h.getValueAtPercentile(50) / 1_000.0,
                h.getValueAtPercentile(99) / 1_000.0,
                h.getValueAtPercentile(99.9) / 1_000.0,
                above == 0 ? 0.0 : 100.0 * mine / above));
        sep = "; ";
      }
      return out.toString();
    }
  }

  public static Histogram measure(MatchingWorkload workload, int warmupPasses, int passes) {
    return measureByKind(workload, warmupPasses, passes).all();
  }

  public static Latencies measureByKind(MatchingWorkload workload, int warmupPasses, int passes) {
    Histogram all = histogram();
    Command[] commands = workload.commands();
    Histogram[] byCommand = new Histogram[commands.length];
    Map<String, Histogram> byKind = new TreeMap<>();
    for (int i = 0; i < commands.length; i++) {
      byCommand[i] = byKind.computeIfAbsent(kind(commands[i]), k -> histogram());
    }
    for (int pass = 0; pass < warmupPasses + passes; pass++) {
      boolean record = pass >= warmupPasses;
      Sequencer s = workload.start();
      for (int i = 0; i < commands.length; i++) {
        long t0 = System.nanoTime();
        s.apply(commands[i]);
        long t1 = System.nanoTime();
        if (record) {
          all.recordValue(t1 - t0);
          byCommand[i].recordValue(t1 - t0);
        }
      }
    }
    return new Latencies(all, byKind);
  }

  /**
   * What the probe's own clock reads add to each sample: two back-to-back System.nanoTime calls,
   * {@code samples} times.
   */
  public static Histogram clockPair(int samples) {
    Histogram h = histogram();
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      long t1 = System.nanoTime();
      h.recordValue(t1 - t0);
    }
    return h;
  }

  /**
   * A command's kind: an order's type ({@code gtc}, {@code ioc}, {@code market}, ...), else the
   * command's name ({@code cancel}, {@code amend}, ...).
   */
  static String kind(Command c) {
    return switch (c) {
      case Command.PlaceOrder p -> p.type().name().toLowerCase(Locale.ROOT);
      case Command.CancelOrder x -> "cancel";
      case Command.AmendOrder x -> "amend";
      default -> c.getClass().getSimpleName();
    };
  }

  private static Histogram histogram() {
    return new Histogram(3_600_000_000_000L, 3);
  }
}
