package dev.sable.sequencer.account;

import dev.sable.sequencer.util.LongLongHashMap;
import java.util.Arrays;

/**
 * One trader (or the insurance fund, id 0): collateral, per-market position and open-order totals,
 * and its open orders by client order id. Per-market arrays are indexed by market id and grow on
 * first use; {@link #activeMarkets} has a bit per market where the account has a position or open
 * orders, so margin is computed over those markets only.
 */
public final class Account {
  public static final int INSURANCE_FUND = 0;

  public final int id;
  public long collateral;

  /** Signed position size per market (positive long). */
  public long[] size = new long[0];

  /** Signed entry cost per market: sum of price * signed quantity of the open position. */
  public long[] cost = new long[0];

  /** Market funding index at which this position's funding was last settled. */
  public long[] fundingIndex = new long[0];

  /** Total remaining quantity of resting buy (sell) orders per market. */
  public long[] openBuy = new long[0];

  public long[] openSell = new long[0];

  /**
   * Total remaining quantity of resting reduce-only orders per market (all on the reducing side).
   */
  public long[] reduceOnlyOpen = new long[0];

  public long activeMarkets;

  /** Open orders: client order id to order id. */
  public final LongLongHashMap ordersByClientId = new LongLongHashMap(8);

  public Account(int id) {
    this.id = id;
  }

  /** Makes the per-market arrays cover {@code market}. */
  public void ensureMarket(int market) {
    if (market < size.length) {
      return;
    }
    int n = market + 1;
    size = Arrays.copyOf(size, n);
    cost = Arrays.copyOf(cost, n);
    fundingIndex = Arrays.copyOf(fundingIndex, n);
    openBuy = Arrays.copyOf(openBuy, n);
    openSell = Arrays.copyOf(openSell, n);
    reduceOnlyOpen = Arrays.copyOf(reduceOnlyOpen, n);
  }

  public long size(int market) {
    return market < size.length ? size[market] : 0;
  }

  public long cost(int market) {
    return market < cost.length ? cost[market] : 0;
  }

  /** Refreshes the active bit of a market after its position or open orders changed. */
  public void refreshActive(int market) {
    long bit = 1L << market;
    if (size[market] != 0 || openBuy[market] != 0 || openSell[market] != 0) {
      activeMarkets |= bit;
    } else {
      activeMarkets &= ~bit;
    }
  }

  public boolean hasPositions() {
    for (long bits = activeMarkets; bits != 0; bits &= bits - 1) {
      if (size[Long.numberOfTrailingZeros(bits)] != 0) {
        return true;
      }
    }
    return false;
  }
}
