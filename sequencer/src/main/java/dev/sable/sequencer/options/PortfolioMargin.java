package dev.sable.sequencer.options;

import dev.sable.sequencer.math.Fixed;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The portfolio-margin requirement of an account from a batch's risk arrays, linear in its
 * positions (docs/options.md):
 *
 * <pre>
 * maintenance = sum over underlyings u of max(0, max over scenarios s of weighted loss(u, s))
 *             + sum over short option positions of |size| * shortMinimum
 * loss(u, s)  = -(sum over positions i on u of size_i * pnl_i[s])
 * weighted    = loss, or ceil(loss * weight_s / 1e6) for a scenario weighted below 1
 * initial     = ceil(maintenance * initialFactor / 1e6)
 * </pre>
 *
 * Underlyings do not offset each other: each one's worst scenario is taken on its own. Every sum
 * and product is exact; a requirement beyond a long is {@link Long#MAX_VALUE} (no equity meets it),
 * so a check never throws and never wraps (docs/options.md "Bounds"). One instance per set of
 * arrays; not thread-safe (it keeps scratch arrays, so a check allocates nothing).
 */
public final class PortfolioMargin {
  private final int scenarios;
  private final long[] weights;
  private final long initialFactorPpm;
  private final long[][] pnlByMarket;
  private final long[] shortMinimumByMarket;
  private final int[] slotByMarket;
  private final long[] sums;
  private final boolean[] touched;
  private final int[] touchedSlots;

  public PortfolioMargin(RiskArraySet arrays, ScenarioGrid grid) {
    if (arrays.gridVersion() != grid.version()) {
      throw new IllegalArgumentException(
          "risk arrays of grid version " + arrays.gridVersion() + ", not " + grid.version());
    }
    scenarios = grid.size();
    weights = grid.scenarios().stream().mapToLong(Scenario::weightPpm).toArray();
    initialFactorPpm = grid.initialFactorPpm();
    int markets =
        arrays.instruments().stream().mapToInt(r -> r.instrument().market()).max().orElse(-1) + 1;
    pnlByMarket = new long[markets][];
    shortMinimumByMarket = new long[markets];
    slotByMarket = new int[markets];
    List<UnderlyingRisk> underlyings = arrays.underlyings();
    for (InstrumentRisk row : arrays.instruments()) {
      int m = row.instrument().market();
      if (row.pnlView().length != scenarios) {
        throw new IllegalArgumentException("market " + m + ": risk array of the wrong length");
      }
      pnlByMarket[m] = row.pnlView();
      shortMinimumByMarket[m] = row.shortMinimum();
      slotByMarket[m] = slotOf(underlyings, row.instrument().underlying());
    }
    sums = new long[underlyings.size() * scenarios];
    touched = new boolean[underlyings.size()];
    touchedSlots = new int[underlyings.size()];
  }

  public Requirement requirement(List<Position> positions) {
    int[] markets = new int[positions.size()];
    long[] sizes = new long[positions.size()];
    for (int i = 0; i < markets.length; i++) {
      markets[i] = positions.get(i).market();
      sizes[i] = positions.get(i).size();
    }
    return requirement(markets, sizes, markets.length);
  }

  /** The requirement of the first {@code count} positions (market id, signed size). */
  public Requirement requirement(int[] markets, long[] sizes, int count) {
    long maintenance = maintenance(markets, sizes, count);
    return new Requirement(
        maintenance, Fixed.mulDivCeilSaturated(maintenance, initialFactorPpm, Fixed.PPM));
  }

  /**
   * The maintenance requirement of the first {@code count} positions, or {@link Long#MAX_VALUE}
   * when it does not fit a long. Exact in every case: sums are taken in longs and, if one leaves a
   * long, the same formula is evaluated again on unbounded integers (docs/options.md "Bounds").
   */
  public long maintenance(int[] markets, long[] sizes, int count) {
    try {
      return longMaintenance(markets, sizes, count);
    } catch (ArithmeticException overflow) {
      return wideMaintenance(markets, sizes, count);
    }
  }

  private long longMaintenance(int[] markets, long[] sizes, int count) {
    int touchedCount = 0;
    try {
      long total = 0;
      for (int i = 0; i < count; i++) {
        long size = sizes[i];
        if (size == 0) {
          continue;
        }
        int market = markets[i];
        long[] pnl = pnl(market);
        int slot = slotByMarket[market];
        int base = slot * scenarios;
        if (!touched[slot]) {
          touched[slot] = true;
          touchedSlots[touchedCount++] = slot;
          Arrays.fill(sums, base, base + scenarios, 0);
        }
        for (int s = 0; s < scenarios; s++) {
          sums[base + s] = Math.addExact(sums[base + s], Math.multiplyExact(size, pnl[s]));
        }
        if (size < 0) {
          total =
              Math.addExact(
                  total, Math.multiplyExact(Math.negateExact(size), shortMinimumByMarket[market]));
        }
      }
      for (int t = 0; t < touchedCount; t++) {
        total = Math.addExact(total, worstLoss(touchedSlots[t] * scenarios));
      }
      return total;
    } finally {
      for (int t = 0; t < touchedCount; t++) {
        touched[touchedSlots[t]] = false;
      }
    }
  }

  /** {@link #longMaintenance} on unbounded integers, saturated at the end; for overflows only. */
  private long wideMaintenance(int[] markets, long[] sizes, int count) {
    BigInteger[] wide = new BigInteger[sums.length];
    Arrays.fill(wide, BigInteger.ZERO);
    boolean[] held = new boolean[touched.length];
    BigInteger total = BigInteger.ZERO;
    for (int i = 0; i < count; i++) {
      if (sizes[i] == 0) {
        continue;
      }
      int market = markets[i];
      long[] pnl = pnl(market);
      int slot = slotByMarket[market];
      held[slot] = true;
      BigInteger size = BigInteger.valueOf(sizes[i]);
      for (int s = 0; s < scenarios; s++) {
        int k = slot * scenarios + s;
        wide[k] = wide[k].add(size.multiply(BigInteger.valueOf(pnl[s])));
      }
      if (sizes[i] < 0) {
        total = total.subtract(size.multiply(BigInteger.valueOf(shortMinimumByMarket[market])));
      }
    }
    BigInteger ppm = BigInteger.valueOf(Fixed.PPM);
    for (int slot = 0; slot < held.length; slot++) {
      BigInteger worst = BigInteger.ZERO;
      for (int s = 0; held[slot] && s < scenarios; s++) {
        BigInteger loss = wide[slot * scenarios + s].negate();
        if (weights[s] != Fixed.PPM && loss.signum() > 0) {
          loss = loss.multiply(BigInteger.valueOf(weights[s])).add(ppm).subtract(BigInteger.ONE);
          loss = loss.divide(ppm);
        }
        worst = worst.max(loss);
      }
      total = total.add(worst);
    }
    return total.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  private long[] pnl(int market) {
    long[] pnl = market >= 0 && market < pnlByMarket.length ? pnlByMarket[market] : null;
    if (pnl == null) {
      throw new IllegalArgumentException("no risk array for market " + market);
    }
    return pnl;
  }

  /** max(0, max over scenarios of the weighted loss) of one underlying's summed P&L. */
  private long worstLoss(int base) {
    long worst = 0;
    for (int s = 0; s < scenarios; s++) {
      long loss = Math.negateExact(sums[base + s]);
      if (loss > worst) { // a weighted loss is at most the loss, so only then can it win
        long weighted =
            weights[s] == Fixed.PPM ? loss : Fixed.mulDivCeil(loss, weights[s], Fixed.PPM);
        worst = Math.max(worst, weighted);
      }
    }
    return worst;
  }

  private static int slotOf(List<UnderlyingRisk> underlyings, int market) {
    for (int i = 0; i < underlyings.size(); i++) {
      if (underlyings.get(i).market() == market) {
        return i;
      }
    }
    throw new IllegalArgumentException("no underlying input for market " + market);
  }
}
