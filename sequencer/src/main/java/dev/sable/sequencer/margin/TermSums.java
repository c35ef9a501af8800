package dev.sable.sequencer.margin;

import dev.sable.sequencer.math.Fixed;

/**
 * Sums of the fill-time check's terms over some of an account's markets ({@link
 * Margin#fillAllowed}): the exposure bound's (non-negative, saturating, so the order of summing
 * does not change it) and the positions' value minus initial requirement (exact while {@link
 * #fits}; otherwise the caller sums exactly).
 */
final class TermSums {
  long exposure;
  long excess;
  boolean fits;

  void set(long exposure, long excess, boolean fits) {
    this.exposure = exposure;
    this.excess = excess;
    this.fits = fits;
  }

  void add(TermSums t) {
    exposure = Fixed.addSaturated(exposure, t.exposure);
    if (fits && t.fits) {
      try {
        excess = Math.addExact(excess, t.excess);
        return;
      } catch (ArithmeticException beyondALong) {
        // fits = false below
      }
    }
    fits = false;
  }
}
