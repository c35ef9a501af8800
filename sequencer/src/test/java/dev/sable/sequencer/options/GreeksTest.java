package dev.sable.sequencer.options;

import static dev.sable.sequencer.market.OptionKind.CALL;
import static dev.sable.sequencer.market.OptionKind.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.OptionKind;
import java.util.List;
import java.util.SortedMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Greeks against finite differences of the model value (the mark before rounding) and of the
 * tick-rounded mark. Stated tolerance: each Greek is within 0.1% of its central difference, plus
 * one millionth of its natural scale (size * contractSize for delta and gamma, that times the
 * forward for vega and theta), plus what the tick rounding of the marks can move a difference.
 */
class GreeksTest {
  private static final long DAY = 86_400_000L;
  private static final TimeBasis BASIS = TimeBasis.MILLISECONDS;
  private static final long SIZE = 1_000_000;
  private static final long CONTRACT = 1_000;

  @Property(tries = 300)
  void agreeWithFiniteDifferencesOfTheModelValue(
      @ForAll @LongRange(min = 1_000_000, max = 1_000_000_000) long forward,
      @ForAll @DoubleRange(min = 0.5, max = 2.0) double moneyness,
      @ForAll @LongRange(min = 50_000, max = 2_000_000) long vol,
      @ForAll @LongRange(min = DAY, max = 730 * DAY) long tau,
      @ForAll boolean call) {
    OptionKind kind = call ? CALL : PUT;
    long strike = Math.max(1, Math.round(forward * moneyness));
    TimeToExpiry t = TimeToExpiry.between(0, tau, BASIS);
    Greeks g =
        Greeks.option(kind, CONTRACT, SIZE, Black76.point(forward, strike, vol, t), t, BASIS);

    long h = forward / 10_000;
    double up = value(kind, forward + h, strike, vol, tau);
    double mid = value(kind, forward, strike, vol, tau);
    double down = value(kind, forward - h, strike, vol, tau);
    double scale = (double) SIZE * CONTRACT;
    assertClose(g.delta(), SIZE * (up - down) / (2.0 * h), scale, "delta");
    assertClose(
        g.gamma(), SIZE * (up - 2 * mid + down) / ((double) h * h) * forward / 100, scale, "gamma");

    long dv = 100; // 0.01 vol point each way
    double vegaFd =
        SIZE
            * (value(kind, forward, strike, vol + dv, tau)
                - value(kind, forward, strike, vol - dv, tau))
            / (2.0 * dv)
            * 10_000;
    assertClose(g.vega(), vegaFd, scale * forward, "vega");

    long dt = 3_600_000; // an hour each way
    double thetaFd =
        SIZE
            * (value(kind, forward, strike, vol, tau - dt)
                - value(kind, forward, strike, vol, tau + dt))
            / (2.0 * dt)
            * DAY;
    assertClose(g.theta(), thetaFd, scale * forward, "theta");
  }

  @Property(tries = 200)
  void deltaAndGammaAgreeWithDifferencesOfTickRoundedMarks(
      @ForAll @LongRange(min = 10_000_000, max = 1_000_000_000) long forward,
      @ForAll @DoubleRange(min = 0.7, max = 1.4) double moneyness,
      @ForAll @LongRange(min = 200_000, max = 1_500_000) long vol,
      @ForAll @LongRange(min = 7 * DAY, max = 365 * DAY) long tau,
      @ForAll @LongRange(min = 1, max = 100) long tick) {
    long strike = Math.round(forward * moneyness);
    OptionSpec spec = new OptionSpec(0, CALL, strike, tau, CONTRACT, tick, 1);
    TimeToExpiry t = TimeToExpiry.between(0, tau, BASIS);
    Greeks g = Greeks.option(CALL, CONTRACT, 1, Black76.point(forward, strike, vol, t), t, BASIS);
    long h = forward / 1_000;
    long up = Black76.mark(spec, forward + h, vol, t);
    long mid = Black76.mark(spec, forward, vol, t);
    long down = Black76.mark(spec, forward - h, vol, t);
    // delta of one unit: a mark difference is off by at most one tick
    double deltaFd = (up - down) / (2.0 * h);
    assertThat(Math.abs(g.delta() - deltaFd))
        .as("delta %d vs %f", g.delta(), deltaFd)
        .isLessThanOrEqualTo(
            0.001 * Math.abs(deltaFd) + 0.002 * CONTRACT + (double) tick / h + 0.5);
    Greeks big =
        Greeks.option(CALL, CONTRACT, SIZE, Black76.point(forward, strike, vol, t), t, BASIS);
    double gammaFd = SIZE * (up - 2.0 * mid + down) / ((double) h * h) * forward / 100;
    double roundingSlack = SIZE * 2.0 * tick / ((double) h * h) * forward / 100;
    assertThat(Math.abs(big.gamma() - gammaFd))
        .as("gamma %d vs %f", big.gamma(), gammaFd)
        .isLessThanOrEqualTo(0.01 * Math.abs(gammaFd) + roundingSlack + 1e-6 * SIZE * CONTRACT);
  }

  @Test
  void signsUnitsAndAccountSums() {
    TimeToExpiry month = TimeToExpiry.between(0, 30 * DAY, BASIS);
    Black76.Point atm = Black76.point(100_000, 100_000, 800_000, month);
    Greeks longCall = Greeks.option(CALL, 10, 1_000, atm, month, BASIS);
    Greeks longPut = Greeks.option(PUT, 10, 1_000, atm, month, BASIS);
    // at the money: call delta a little over half the 10,000 underlying units, put a little under
    assertThat(longCall.delta()).isBetween(5_000L, 5_500L);
    assertThat(longPut.delta()).isEqualTo(longCall.delta() - 10_000);
    assertThat(longCall.gamma()).isPositive().isEqualTo(longPut.gamma());
    assertThat(longCall.vega()).isPositive().isEqualTo(longPut.vega());
    assertThat(longCall.theta()).isNegative().isEqualTo(longPut.theta());
    // a delta-hedged account: long calls, short perpetual of the call delta
    Greeks account = longCall.plus(Greeks.perpetual(-longCall.delta()));
    assertThat(account.delta()).isZero();
    assertThat(account.gamma()).isEqualTo(longCall.gamma());
    Greeks shortCall = Greeks.option(CALL, 10, -1_000, atm, month, BASIS);
    assertThat(longCall.plus(shortCall)).isEqualTo(Greeks.ZERO);
  }

  @Test
  void accountGreeksSumPositionsPerUnderlying() {
    RiskArraySet set = RiskFixtures.small();
    SortedMap<Integer, Greeks> greeks =
        RiskFixtures.CALCULATOR.accountGreeks(
            set, List.of(new Position(0, 4), new Position(1, -3), new Position(2, 2)));
    TimeToExpiry t =
        TimeToExpiry.between(RiskFixtures.NOW, RiskFixtures.CALL_110.spec().expiry(), BASIS);
    Greeks call =
        Greeks.option(CALL, 10, -3, Black76.point(100_000, 110_000, 800_000, t), t, BASIS);
    TimeToExpiry halfDay =
        TimeToExpiry.between(RiskFixtures.NOW, RiskFixtures.PUT_90_EXPIRING.spec().expiry(), BASIS);
    Greeks put =
        Greeks.option(PUT, 10, 2, Black76.point(100_000, 90_000, 650_000, halfDay), halfDay, BASIS);
    assertThat(greeks).containsOnlyKeys(0);
    assertThat(greeks.get(0)).isEqualTo(Greeks.perpetual(4).plus(call).plus(put));
    assertThat(greeks.get(0).delta()).isLessThan(4); // short calls take delta away
    assertThatThrownBy(
            () -> RiskFixtures.CALCULATOR.accountGreeks(set, List.of(new Position(7, 1))))
        .hasMessageContaining("no risk row for market 7");
  }

  @Test
  void expiredOptionsHaveOnlyTheirIntrinsicDelta() {
    Black76.Point p = Black76.point(120, 100, 500_000, TimeToExpiry.EXPIRED);
    assertThat(Greeks.option(CALL, 3, 2, p, TimeToExpiry.EXPIRED, BASIS))
        .isEqualTo(new Greeks(6, 0, 0, 0));
    assertThat(Greeks.option(PUT, 3, 2, p, TimeToExpiry.EXPIRED, BASIS)).isEqualTo(Greeks.ZERO);
  }

  @Test
  void gammaNearExpiryAtTheMoneyIsCapped() {
    TimeToExpiry minute = TimeToExpiry.between(0, 60_000, BASIS);
    Black76.Point p = Black76.point(1_000_000, 1_000_000, VolatilityQuote.MIN_VOL_PPM, minute);
    Greeks g = Greeks.option(CALL, 1L << 20, 1L << 40, p, minute, BASIS);
    assertThat(g.gamma()).isEqualTo(Greeks.BOUND);
    assertThat(g.plus(g).gamma()).isEqualTo(Greeks.BOUND);
  }

  private static double value(OptionKind kind, long forward, long strike, long vol, long tau) {
    return Black76Test.exact(
            Black76.value(
                kind,
                CONTRACT,
                Black76.point(forward, strike, vol, TimeToExpiry.between(0, tau, BASIS))))
        .doubleValue();
  }

  private static void assertClose(long greek, double fd, double scale, String what) {
    assertThat(Math.abs(greek - fd))
        .as("%s %d vs finite difference %f", what, greek, fd)
        .isLessThanOrEqualTo(0.001 * Math.abs(fd) + 1e-6 * scale + 1);
  }
}
