package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.options.Scenario.VolMove;
import java.util.ArrayList;
import java.util.List;

/**
 * A versioned, constant set of risk scenarios and the margin constants that go with them. A batch
 * names its grid by version, so a verifier recomputes its risk arrays with exactly these numbers;
 * changing any of them is a new version (docs/options.md).
 *
 * @param version the number a batch's risk arrays carry
 * @param scenarios the market moves, in array order
 * @param volShift how far volatilities move in the scenarios
 * @param horizonDays look-ahead: scenarios price options this many days closer to expiry
 * @param shortOptionMinimumPpm per short option unit, at least this share of the underlying
 *     notional {@code mark * contractSize} is required on top of the scenario loss
 * @param initialFactorPpm initial requirement = maintenance * this / 1e6 (>= 1e6)
 */
public record ScenarioGrid(
    int version,
    List<Scenario> scenarios,
    VolatilityShift volShift,
    long horizonDays,
    long shortOptionMinimumPpm,
    long initialFactorPpm) {

  /** The most scenarios a grid may have. */
  public static final int MAX_SCENARIOS = 64;

  /** Weight of V1's two extreme moves: 35% of their loss counts, as in CME SPAN. */
  public static final long V1_EXTREME_WEIGHT_PPM = 350_000;

  /**
   * Version 1: CME SPAN's sixteen scenarios. The underlying unchanged, up and down by 1/3, 2/3 and
   * 3/3 of the price range, each with the volatility up and down (14), then the extreme moves up
   * and down by twice the range with the volatility up, 35% of their loss counting. Volatility
   * shifts +30% / -20% (relative) at 30 days, scaled by sqrt(30 / days) (from 1 day), capped at
   * +100% / -50%, never below 1%; a 1-day look-ahead; a short option minimum of 1% of the
   * underlying notional; initial = 1.25 x maintenance.
   */
  public static final ScenarioGrid V1 =
      new ScenarioGrid(
          1,
          spanScenarios(),
          new VolatilityShift(300_000, 200_000, 30, 1, 1_000_000, 500_000, 10_000),
          1,
          10_000,
          1_250_000);

  public ScenarioGrid {
    scenarios = List.copyOf(scenarios);
    if (version <= 0
        || scenarios.isEmpty()
        || scenarios.size() > MAX_SCENARIOS
        || !scenarios.stream().allMatch(Scenario::isValid)
        || !volShift.isValid()
        || horizonDays < 0
        || horizonDays > 30
        || shortOptionMinimumPpm < 0
        || shortOptionMinimumPpm > Fixed.PPM
        || initialFactorPpm < Fixed.PPM
        || initialFactorPpm > 10 * Fixed.PPM) {
      throw new IllegalArgumentException("inconsistent scenario grid, version " + version);
    }
  }

  /** The grid of a version this code knows. */
  public static ScenarioGrid ofVersion(int version) {
    if (version != V1.version()) {
      throw new IllegalArgumentException("unknown scenario grid version " + version);
    }
    return V1;
  }

  public int size() {
    return scenarios.size();
  }

  private static List<Scenario> spanScenarios() {
    List<Scenario> list = new ArrayList<>();
    for (long thirds : new long[] {0, 1, -1, 2, -2, 3, -3}) {
      list.add(new Scenario(thirds, 3, VolMove.UP, Fixed.PPM));
      list.add(new Scenario(thirds, 3, VolMove.DOWN, Fixed.PPM));
    }
    list.add(new Scenario(6, 3, VolMove.UP, V1_EXTREME_WEIGHT_PPM));
    list.add(new Scenario(-6, 3, VolMove.UP, V1_EXTREME_WEIGHT_PPM));
    return list;
  }
}
