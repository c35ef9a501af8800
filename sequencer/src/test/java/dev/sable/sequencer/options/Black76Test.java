package dev.sable.sequencer.options;

import static dev.sable.sequencer.market.OptionKind.CALL;
import static dev.sable.sequencer.market.OptionKind.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.OptionKind;
import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class Black76Test {
  private static final long DAY = 86_400_000L;

  /**
   * Golden table: kind, forward, strike, contract size, vol (ppm), time to expiry (ms), tick, then
   * the exact model value (units, Q62 fraction) and the mark. These outputs are part of the
   * protocol: a change to them changes every option mark and risk array, so it must be a new
   * scenario grid version (docs/options.md). Regenerate only for an intended model change.
   */
  private static final Object[][] GOLDEN = {
    {CALL, 100000L, 100000L, 1L, 800000L, 2592000000L, 1L, 9129L, 3877421885096824384L, 9130L},
    {PUT, 100000L, 100000L, 1L, 800000L, 2592000000L, 1L, 9129L, 3877421885096824384L, 9130L},
    {CALL, 100000L, 110000L, 1000L, 650000L, 604800000L, 5L, 701878L, 854288705362716288L, 701880L},
    {
      PUT,
      100000L,
      110000L,
      1000L,
      650000L,
      604800000L,
      5L,
      10701878L,
      854288705362716288L,
      10701880L
    },
    {
      CALL,
      6000000000L,
      5000000000L,
      1L,
      550000L,
      7776000000L,
      100L,
      1224546500L,
      1241646086014464000L,
      1224546500L
    },
    {
      PUT,
      6000000000L,
      5000000000L,
      1L,
      550000L,
      7776000000L,
      100L,
      224546500L,
      1241646086014464000L,
      224546500L
    },
    {CALL, 2000L, 2000L, 10000L, 1000L, 3600000L, 1L, 85L, 1147146699472028160L, 85L},
    {PUT, 2000L, 1000L, 10000L, 10000000L, 157680000000L, 1L, 10000000L, 0L, 10000000L},
    {CALL, 100000L, 150000L, 1L, 300000L, 60000L, 1L, 0L, 0L, 0L},
    {CALL, 150000L, 100000L, 1L, 300000L, 60000L, 1L, 50000L, 0L, 50000L},
    {PUT, 150000L, 100000L, 1L, 800000L, 0L, 1L, 0L, 0L, 0L},
    {CALL, 150000L, 100000L, 3L, 800000L, -5L, 1L, 150000L, 0L, 150000L},
    {
      CALL,
      1099511627776L,
      2199023255552L,
      1048576L,
      2000000L,
      31536000000L,
      1048576L,
      651564003685641582L,
      0L,
      651564003685826560L
    },
  };

  @Test
  void goldenTablePinsExactValuesAndMarks() {
    for (Object[] g : GOLDEN) {
      OptionSpec spec = spec((OptionKind) g[0], (long) g[2], (long) g[3], (long) g[6]);
      TimeToExpiry t = TimeToExpiry.between(0, (long) g[5], TimeBasis.MILLISECONDS);
      ModelValue v = Black76.value(spec, (long) g[1], (long) g[4], t);
      assertThat(v)
          .as("value %s", java.util.Arrays.toString(g))
          .isEqualTo(new ModelValue((long) g[7], (long) g[8]));
      assertThat(Black76.mark(spec, (long) g[1], (long) g[4], t)).isEqualTo((long) g[9]);
    }
  }

  @Test
  void agreesWithFiftyDigitReferenceWithin1e16OfTheNotional() {
    for (String[] c : Reference.lines("b76")) {
      long forward = Long.parseLong(c[1]);
      long strike = Long.parseLong(c[2]);
      long contractSize = Long.parseLong(c[3]);
      TimeBasis basis = new TimeBasis(Long.parseLong(c[6]) / TimeBasis.DAYS_PER_YEAR);
      TimeToExpiry t = TimeToExpiry.between(0, Long.parseLong(c[5]), basis);
      ModelValue v =
          Black76.value(
              OptionKind.valueOf(c[0]),
              contractSize,
              Black76.point(forward, strike, Long.parseLong(c[4]), t));
      BigDecimal error = exact(v).subtract(new BigDecimal(c[7])).abs();
      BigDecimal notional =
          BigDecimal.valueOf(Math.max(forward, strike)).multiply(BigDecimal.valueOf(contractSize));
      assertThat(error.divide(notional, MathContext.DECIMAL64))
          .as("%s", String.join(" ", c))
          .isLessThan(new BigDecimal("1e-16"));
    }
  }

  @Property
  void valuesStayWithinNoArbitrageBoundsAndMarksKeepParity(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long forward,
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long strike,
      @ForAll @LongRange(min = 1, max = 1_000) long contractSize,
      @ForAll @LongRange(min = VolatilityQuote.MIN_VOL_PPM, max = VolatilityQuote.MAX_VOL_PPM)
          long vol,
      @ForAll @LongRange(min = -DAY, max = 15 * 365 * DAY) long tau,
      @ForAll @LongRange(min = 1, max = 10_000) long tick) {
    TimeToExpiry t = TimeToExpiry.between(0, tau, TimeBasis.MILLISECONDS);
    Black76.Point p = Black76.point(forward, strike, vol, t);
    BigDecimal call = exact(Black76.value(CALL, contractSize, p));
    BigDecimal put = exact(Black76.value(PUT, contractSize, p));
    BigDecimal f = BigDecimal.valueOf(forward * contractSize);
    BigDecimal k = BigDecimal.valueOf(strike * contractSize);
    assertThat(call)
        .isGreaterThanOrEqualTo(f.subtract(k).max(BigDecimal.ZERO))
        .isLessThanOrEqualTo(f);
    assertThat(put)
        .isGreaterThanOrEqualTo(k.subtract(f).max(BigDecimal.ZERO))
        .isLessThanOrEqualTo(k);
    assertThat(call.subtract(put)).isEqualByComparingTo(f.subtract(k)); // exact before rounding

    long callMark = Black76.mark(spec(CALL, strike, contractSize, tick), forward, vol, t);
    long putMark = Black76.mark(spec(PUT, strike, contractSize, tick), forward, vol, t);
    long parityGap = callMark - putMark - (forward - strike) * contractSize;
    assertThat(Math.abs(parityGap)).isLessThanOrEqualTo(tick);
    assertThat(callMark % tick).isZero();
    assertThat(putMark % tick).isZero();
  }

  @Property
  void aCallIsWorthMoreWithMoreTimeOrVolatility(
      @ForAll @LongRange(min = 1_000, max = 1_000_000_000L) long forward,
      @ForAll @LongRange(min = 1_000, max = 1_000_000_000L) long strike,
      @ForAll @LongRange(min = 10_000, max = 5_000_000) long vol,
      @ForAll @LongRange(min = DAY, max = 365 * DAY) long tau) {
    TimeBasis basis = TimeBasis.MILLISECONDS;
    BigDecimal base =
        exact(
            Black76.value(
                CALL, 1, Black76.point(forward, strike, vol, TimeToExpiry.between(0, tau, basis))));
    BigDecimal moreVol =
        exact(
            Black76.value(
                CALL,
                1,
                Black76.point(forward, strike, vol + 10_000, TimeToExpiry.between(0, tau, basis))));
    BigDecimal moreTime =
        exact(
            Black76.value(
                CALL,
                1,
                Black76.point(forward, strike, vol, TimeToExpiry.between(0, 2 * tau, basis))));
    // the model's error, about 1e-16 of the notional (where the value is flat it can show)
    BigDecimal slack =
        BigDecimal.valueOf(Math.max(forward, strike)).multiply(new BigDecimal("1e-15"));
    assertThat(moreVol.add(slack)).isGreaterThanOrEqualTo(base);
    assertThat(moreTime.add(slack)).isGreaterThanOrEqualTo(base);
  }

  @Test
  void noTimeOrNoVolatilityLeavesTheIntrinsicValue() {
    TimeToExpiry expired = TimeToExpiry.between(100, 100, TimeBasis.MILLISECONDS);
    assertThat(Black76.value(CALL, 2, Black76.point(130, 100, 500_000, expired)))
        .isEqualTo(new ModelValue(60, 0));
    assertThat(Black76.value(PUT, 2, Black76.point(130, 100, 500_000, expired)))
        .isEqualTo(new ModelValue(0, 0));
    TimeToExpiry year = TimeToExpiry.between(0, 365 * DAY, TimeBasis.MILLISECONDS);
    assertThat(Black76.value(PUT, 1, Black76.point(70, 100, 0, year)))
        .isEqualTo(new ModelValue(30, 0));
    assertThat(Black76.value(CALL, 1, Black76.point(100, 100, 0, year)))
        .isEqualTo(new ModelValue(0, 0));
  }

  @Test
  void farFromTheMoneySaturatesToExactlyIntrinsic() {
    TimeToExpiry day = TimeToExpiry.between(0, DAY, TimeBasis.MILLISECONDS);
    Black76.Point deep = Black76.point(1_000_000, 10, 100_000, day);
    assertThat(deep.d1()).isEqualTo(FixedMath.CDF_SATURATION_Q);
    assertThat(Black76.value(CALL, 1, deep)).isEqualTo(new ModelValue(999_990, 0));
    assertThat(Black76.value(PUT, 1, deep)).isEqualTo(new ModelValue(0, 0));
  }

  @Test
  void badInputIsRefusedWithAClearError() {
    TimeToExpiry day = TimeToExpiry.between(0, DAY, TimeBasis.MILLISECONDS);
    assertThatThrownBy(() -> Black76.point(0, 100, 500_000, day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> Black76.point(100, 100, -1, day))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeToExpiry.between(0, 16 * 365 * DAY, TimeBasis.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 years");
    // a notional beyond a long is an overflow, never a wrapped price
    Black76.Point p = Black76.point(1L << 40, 1L << 40, 500_000, day);
    assertThatThrownBy(() -> Black76.value(CALL, 1L << 30, p))
        .isInstanceOf(ArithmeticException.class);
  }

  static OptionSpec spec(OptionKind kind, long strike, long contractSize, long tick) {
    return new OptionSpec(0, kind, strike, 1L << 50, contractSize, tick, 1);
  }

  static BigDecimal exact(ModelValue v) {
    return BigDecimal.valueOf(v.units())
        .add(new BigDecimal(v.fraction()).divide(new BigDecimal(FixedMath.P_ONE)));
  }
}
