package dev.sable.bench;

import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.TimeBasis;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The portfolio-margin workload: two underlyings (perpetuals 0 and 1) with 25 options each (5
 * expiries from a week to a quarter, 5 strikes from 80% to 120%, calls and puts), grid V1, and
 * {@link #ACCOUNTS} accounts that each hold all 50 options and both perpetuals with random signed
 * sizes (fixed seed), so a check walks 52 positions of 16 scenarios each.
 */
public final class MarginWorkload {
  public static final int ACCOUNTS = 64;
  public static final int POSITIONS = 52;
  static final long DAY = 86_400_000L;
  static final long NOW = 1_000 * DAY;
  private static final long[] EXPIRY_DAYS = {7, 14, 30, 60, 90};
  private static final long[] STRIKE_PERCENT = {80, 90, 100, 110, 120};

  private final RiskArrayCalculator calculator =
      new RiskArrayCalculator(ScenarioGrid.V1, TimeBasis.MILLISECONDS);
  private final RiskArrayCalculator caching = calculator.caching();
  private final List<UnderlyingRisk> underlyings =
      List.of(
          new UnderlyingRisk(0, 60_000_000, 150_000), new UnderlyingRisk(1, 3_000_000, 180_000));
  private final List<RiskInstrument.Option> options = new ArrayList<>();
  private final int[] markets = new int[POSITIONS];
  private final long[][] sizes = new long[ACCOUNTS][POSITIONS];

  public MarginWorkload() {
    int market = 2;
    for (UnderlyingRisk u : underlyings) {
      for (int e = 0; e < EXPIRY_DAYS.length; e++) {
        for (int k = 0; k < STRIKE_PERCENT.length; k++) {
          OptionKind kind = (e + k) % 2 == 0 ? OptionKind.CALL : OptionKind.PUT;
          long strike = u.mark() * STRIKE_PERCENT[k] / 100;
          OptionSpec spec =
              new OptionSpec(u.market(), kind, strike, NOW + EXPIRY_DAYS[e] * DAY, 100, 1, 1);
          options.add(
              new RiskInstrument.Option(market++, spec, 500_000 + 40_000L * k + 20_000L * e));
        }
      }
    }
    for (int i = 0; i < POSITIONS; i++) {
      markets[i] = i;
    }
    SplittableRandom random = new SplittableRandom(12);
    for (long[] account : sizes) {
      for (int i = 0; i < POSITIONS; i++) {
        long size = random.nextLong(1, 1_001); // never 0: every check walks all 52 positions
        account[i] = random.nextBoolean() ? size : -size;
      }
    }
  }

  /** The batch's arrays: 2 perpetual and 50 option rows. */
  public RiskArraySet arrays() {
    return calculator.compute(NOW, underlyings, options);
  }

  /**
   * The sequencer's per-check path between input changes: the arrays assembled from the rows its
   * caching calculator keeps (priced once, on the first call), and a margin over them.
   */
  public PortfolioMargin cachedMargin() {
    return new PortfolioMargin(caching.compute(NOW, underlyings, options), ScenarioGrid.V1);
  }

  public PortfolioMargin margin() {
    return new PortfolioMargin(arrays(), ScenarioGrid.V1);
  }

  /** Position market ids, the same order for every account. */
  public int[] markets() {
    return markets;
  }

  public long[] sizes(int account) {
    return sizes[account];
  }
}
