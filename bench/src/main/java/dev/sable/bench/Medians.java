package dev.sable.bench;

import java.util.Arrays;

/** The medians the side-by-side measurements report (the upper middle of an even count). */
final class Medians {
  private Medians() {}

  static double of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double of(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
