package dev.sable.sequencer.options;

/**
 * How many units of log time make a day. The option model counts years as 365 days (ACT/365 fixed),
 * so a year is {@code 365 * unitsPerDay} log units; the grid's durations are in days.
 *
 * @param unitsPerDay log time units per day (86,400,000 for milliseconds)
 */
public record TimeBasis(long unitsPerDay) {
  /** Log time in milliseconds, the node's unit. */
  public static final TimeBasis MILLISECONDS = new TimeBasis(86_400_000L);

  public static final long DAYS_PER_YEAR = 365;

  public TimeBasis {
    if (unitsPerDay <= 0 || unitsPerDay > Long.MAX_VALUE / (DAYS_PER_YEAR * 16)) {
      throw new IllegalArgumentException("unitsPerDay must be in [1, 2^63 / 5840]: " + unitsPerDay);
    }
  }

  public long unitsPerYear() {
    return DAYS_PER_YEAR * unitsPerDay;
  }

  /** A whole number of days in log units. */
  public long days(long days) {
    return Math.multiplyExact(days, unitsPerDay);
  }
}
