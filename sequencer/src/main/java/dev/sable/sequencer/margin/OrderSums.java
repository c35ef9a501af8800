package dev.sable.sequencer.margin;

import dev.sable.sequencer.math.Fixed;

/**
 * Sums of the order check's terms over some of an account's markets ({@link Margin#checkOrder}):
 * the exposure bound's and the initial requirement counting open orders (both non-negative and
 * saturating, so the order of summing does not change them; the requirement exact while {@link
 * #requirementFits}, otherwise a term left a long) and the positions' value (exact while {@link
 * #valueFits}; otherwise the caller sums exactly).
 */
final class OrderSums {
  long exposure;
  long value;
  boolean valueFits;
  long requirement;
  boolean requirementFits;

  void set(
      long exposure, long value, boolean valueFits, long requirement, boolean requirementFits) {
    this.exposure = exposure;
    this.value = value;
    this.valueFits = valueFits;
    this.requirement = requirement;
    this.requirementFits = requirementFits;
  }

  void add(OrderSums t) {
    exposure = Fixed.addSaturated(exposure, t.exposure);
    requirement = Fixed.addSaturated(requirement, t.requirement);
    requirementFits &= t.requirementFits;
    if (valueFits && t.valueFits) {
      try {
        value = Math.addExact(value, t.value);
        return;
      } catch (ArithmeticException beyondALong) {
        // valueFits = false below
      }
    }
    valueFits = false;
  }

  /** Whether these sums can be kept and shifted: exact, nothing saturated. */
  boolean keepable() {
    return valueFits
        && requirementFits
        && exposure < Long.MAX_VALUE
        && requirement < Long.MAX_VALUE;
  }
}
