package dev.sable.sequencer.options;

import static dev.sable.sequencer.options.RiskFixtures.CALCULATOR;
import static dev.sable.sequencer.options.RiskFixtures.CALL_110;
import static dev.sable.sequencer.options.RiskFixtures.NOW;
import static dev.sable.sequencer.options.RiskFixtures.UNDERLYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.OptionKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RiskArrayCalculatorTest {

  /**
   * Golden rows of V1 for the fixtures: these integers are what a batch commits to, so any change
   * is a new grid version (regenerate only for an intended change of the model or the grid).
   */
  @Test
  void goldenRowsOfGridV1() {
    List<InstrumentRisk> rows = RiskFixtures.small().instruments();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0))
        .isEqualTo(
            new InstrumentRisk(
                new RiskInstrument.Perpetual(0),
                100_000,
                0,
                new long[] {
                  0, 0, 3333, 3333, -3333, -3333, 6666, 6666, -6666, -6666, 10000, 10000, -10000,
                  -10000, 20000, -20000
                }));
    assertThat(rows.get(1))
        .isEqualTo(
            new InstrumentRisk(
                CALL_110,
                53_980,
                10_000,
                new long[] {
                  24737, -18258, 39781, -6107, 11180, -28184, 56283, 8338, -881, -36025, 74205,
                  25079, -11460, -41993, 135846, -34729
                }));
    // 12 hours left, a 1-day look-ahead: every scenario prices the put at its intrinsic value
    assertThat(rows.get(2))
        .isEqualTo(
            new InstrumentRisk(
                RiskFixtures.PUT_90_EXPIRING,
                0,
                10_000,
                new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100_000}));
  }

  @Property
  void aPerpetualRowIsItsLinearPnl(
      @ForAll @LongRange(min = 1, max = 1L << 50) long mark,
      @ForAll @LongRange(min = 1, max = UnderlyingRisk.MAX_RANGE_PPM) long range) {
    InstrumentRisk row = CALCULATOR.perpetual(new UnderlyingRisk(3, mark, range));
    List<Scenario> scenarios = ScenarioGrid.V1.scenarios();
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario sc = scenarios.get(s);
      BigInteger expectedMove =
          BigInteger.valueOf(mark)
              .multiply(BigInteger.valueOf(range * Math.abs(sc.moveNumerator())))
              .divide(BigInteger.valueOf(sc.moveDenominator() * 1_000_000));
      long moved = mark + Long.signum(sc.moveNumerator()) * expectedMove.longValueExact();
      assertThat(row.pnl()[s]).isEqualTo(Math.max(1, moved) - mark);
    }
  }

  @Property(tries = 200)
  void aLongOptionGainsMoreWhenItsUnderlyingMovesItsWayAndVolatilityRises(
      @ForAll @LongRange(min = 1_000, max = 1_000_000_000) long mark,
      @ForAll @LongRange(min = 10_000, max = UnderlyingRisk.MAX_RANGE_PPM) long range,
      @ForAll @LongRange(min = 500, max = 2_000) long strikePermille,
      @ForAll @LongRange(min = 2, max = 700) long days,
      @ForAll @LongRange(min = 20_000, max = 3_000_000) long vol,
      @ForAll boolean call) {
    OptionKind kind = call ? OptionKind.CALL : OptionKind.PUT;
    RiskInstrument.Option o =
        RiskFixtures.option(1, kind, Math.max(1, mark * strikePermille / 1_000), days, vol);
    long[] pnl = CALCULATOR.option(o, new UnderlyingRisk(0, mark, range), NOW).pnl();
    // The model is exact to about 1e-16 of the notional, and a scenario value is rounded up: far
    // out of the money a value of 1e-16 becomes 1 while its neighbour's 0 stays 0. So the order
    // holds up to one unit plus the model's error.
    long slack = 1 + 2 * mark / 1_000_000_000_000L;
    // V1 order: (0 up, 0 down), (+1 up, +1 down), (-1 ...), (+2), (-2), (+3), (-3), +6 ext, -6 ext
    for (int pair = 0; pair < 7; pair++) {
      assertThat(pnl[2 * pair] + slack)
          .as("vol up >= vol down, move %d", pair)
          .isGreaterThanOrEqualTo(pnl[2 * pair + 1]);
    }
    int[] upMoves = call ? new int[] {0, 2, 6, 10} : new int[] {0, 4, 8, 12};
    for (int i = 1; i < upMoves.length; i++) {
      assertThat(pnl[upMoves[i]] + slack).isGreaterThanOrEqualTo(pnl[upMoves[i - 1]]);
    }
  }

  @Test
  void verificationRecomputesAndNamesTamperedRows() {
    RiskArraySet honest = RiskFixtures.small();
    assertThat(CALCULATOR.mismatches(honest)).isEmpty();

    // attack: the operator lowers one scenario loss of the call to cut a short's requirement
    List<InstrumentRisk> rows = new ArrayList<>(honest.instruments());
    long[] pnl = rows.get(1).pnl();
    pnl[15] += 1;
    rows.set(1, new InstrumentRisk(rows.get(1).instrument(), rows.get(1).mark(), 10_000, pnl));
    assertThat(CALCULATOR.mismatches(withRows(honest, rows))).containsExactly(1);

    // attack: a lower short-option minimum, a different mark, a perpetual row left out
    rows = new ArrayList<>(honest.instruments());
    InstrumentRisk put = rows.get(2);
    rows.set(2, new InstrumentRisk(put.instrument(), put.mark(), 0, put.pnl()));
    InstrumentRisk perp = rows.remove(0);
    assertThat(CALCULATOR.mismatches(withRows(honest, rows))).containsExactly(0, 2);
    rows = new ArrayList<>(honest.instruments());
    rows.set(0, new InstrumentRisk(perp.instrument(), perp.mark() + 1, 0, perp.pnl()));
    assertThat(CALCULATOR.mismatches(withRows(honest, rows))).containsExactly(0);

    // attack: the rows of a calmer market, with the volatility input left honest
    RiskArraySet calm =
        CALCULATOR.compute(
            NOW,
            List.of(UNDERLYING),
            List.of(
                new RiskInstrument.Option(1, CALL_110.spec(), 400_000),
                RiskFixtures.PUT_90_EXPIRING));
    rows = new ArrayList<>(honest.instruments());
    InstrumentRisk calmCall = calm.instruments().get(1);
    rows.set(
        1, new InstrumentRisk(CALL_110, calmCall.mark(), calmCall.shortMinimum(), calmCall.pnl()));
    assertThat(CALCULATOR.mismatches(withRows(honest, rows))).containsExactly(1);
  }

  @Test
  void badInputIsRefusedWithAClearError() {
    assertThatThrownBy(() -> CALCULATOR.compute(NOW, List.of(), List.of(CALL_110)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no underlying input 0");
    assertThatThrownBy(
            () ->
                CALCULATOR.compute(
                    NOW,
                    List.of(UNDERLYING),
                    List.of(new RiskInstrument.Option(0, CALL_110.spec(), 800_000))))
        .hasMessageContaining("instruments not in ascending market order");
    assertThatThrownBy(
            () ->
                CALCULATOR.compute(
                    NOW,
                    List.of(UNDERLYING),
                    List.of(new RiskInstrument.Option(1, CALL_110.spec(), 10))))
        .hasMessageContaining("volatility out of range");
    assertThatThrownBy(
            () -> CALCULATOR.compute(NOW, List.of(new UnderlyingRisk(0, 100, 600_000)), List.of()))
        .hasMessageContaining("invalid underlying");
    assertThatThrownBy(() -> CALCULATOR.mismatches(new RiskArraySet(2, NOW, List.of(), List.of())))
        .hasMessageContaining("grid version 2");
  }

  private static RiskArraySet withRows(RiskArraySet set, List<InstrumentRisk> rows) {
    return new RiskArraySet(set.gridVersion(), set.time(), set.underlyings(), rows);
  }
}
