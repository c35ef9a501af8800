package dev.sable.sequencer.options;

import java.math.BigInteger;

/**
 * Time left to an expiry, in log units and as sqrt(years) in Q56 fixed point (the model needs only
 * the root). At or after the expiry both are 0 and options are worth their intrinsic value.
 *
 * @param units expiry - now in log units, 0 if the expiry has passed
 * @param sqrtYearsQ floor(sqrt(units / unitsPerYear) * 2^56)
 */
public record TimeToExpiry(long units, long sqrtYearsQ) {
  /** The longest time to expiry the model takes: 16 years, so sqrt(years) <= 4. */
  public static final long MAX_YEARS = 16;

  public static final TimeToExpiry EXPIRED = new TimeToExpiry(0, 0);

  /** Made by {@link #between}; the checks only keep a hand-made one inside the model's range. */
  public TimeToExpiry {
    if (units < 0 || sqrtYearsQ < 0 || sqrtYearsQ > 5 * FixedMath.Q_ONE) {
      throw new IllegalArgumentException(
          "time to expiry out of range: " + units + ", " + sqrtYearsQ);
    }
  }

  /** Time from {@code now} to {@code expiry}; an expiry 16 years or more away is refused. */
  public static TimeToExpiry between(long now, long expiry, TimeBasis basis) {
    long units = Math.subtractExact(expiry, now);
    if (units <= 0) {
      return EXPIRED;
    }
    if (units / basis.unitsPerYear() >= MAX_YEARS) {
      throw new IllegalArgumentException("expiry 16 years or more away: " + units + " units");
    }
    BigInteger scaled =
        BigInteger.valueOf(units)
            .shiftLeft(2 * FixedMath.Q)
            .divide(BigInteger.valueOf(basis.unitsPerYear()));
    return new TimeToExpiry(units, scaled.sqrt().longValueExact());
  }

  /** The time left after {@code elapsed} more log units (the risk horizon), floored at expiry. */
  public TimeToExpiry after(long elapsed, TimeBasis basis) {
    return units <= elapsed ? EXPIRED : between(elapsed, units, basis);
  }

  public boolean expired() {
    return units == 0;
  }
}
