package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.util.LongLongHashMap;
import java.util.Arrays;

/**
 * One trader (or the insurance fund, id 0): collateral, per-market position and open-order totals,
 * and its open orders by client order id. Per-market arrays are indexed by market id and grow on
 * first use; {@link #activeMarkets()} has a bit per market where the account has a position or open
 * orders, so margin is computed over those markets only.
 *
 * <p>Everyone may read an account; only the {@link Ledger} and the {@link OrderRegistry} change it
 * (the fields are package-private).
 */
public final class Account {
  public static final int INSURANCE_FUND = 0;

  /**
   * An order's fill slot is {@code clientOrderId mod FILL_SLOTS} (the settlement layout's depth-10
   * fill tree): one resting order per slot, and a slot never fills an id at or below the last one
   * it filled (docs/settlement.md, "Orders").
   */
  public static final int FILL_SLOTS = 1024;

  /**
   * Markets an account may have positions or orders in at once: its leaf has this many position
   * slots (docs/settlement.md, "Position slots"), so a ninth market is refused at placement.
   */
  public static final int MAX_ACTIVE_MARKETS = 8;

  private final int id;
  private final AccountKey key;
  long collateral;

  /** Withdrawals made: the nonce the next signed withdrawal must carry. */
  long nonce;

  /** Signed position size per market (positive long). */
  long[] size = new long[0];

  /** Signed entry cost per market: sum of price * signed quantity of the open position. */
  long[] cost = new long[0];

  /** Market funding index at which this position's funding was last settled. */
  long[] fundingIndex = new long[0];

  /** Total remaining quantity of resting buy (sell) orders per market. */
  long[] openBuy = new long[0];

  long[] openSell = new long[0];

  /**
   * Total remaining quantity of resting reduce-only orders per market (all on the reducing side).
   */
  long[] reduceOnlyOpen = new long[0];

  long activeMarkets;

  /**
   * Resting orders by fill slot: slot to order id (one per slot). Keyed by slot, so an amend (same
   * slot) leaves it alone.
   */
  final LongLongHashMap resting = new LongLongHashMap(8);

  /** Fill slot to the newest client order id that filled from it (allocated with the first). */
  LongLongHashMap filled;

  /** To read a resting order's client id from its book. */
  private final ExchangeState state;

  Account(int id, AccountKey key, ExchangeState state) {
    this.id = id;
    this.key = key;
    this.state = state;
  }

  /** Makes the per-market arrays cover {@code market}. */
  void ensureMarket(int market) {
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

  /** Refreshes the active bit of a market after its position or open orders changed. */
  void refreshActive(int market) {
    long bit = 1L << market;
    if (size[market] != 0 || openBuy[market] != 0 || openSell[market] != 0) {
      activeMarkets |= bit;
    } else {
      activeMarkets &= ~bit;
    }
  }

  /** A per-market value; 0 for a market the arrays do not cover yet. */
  private static long at(long[] values, int market) {
    return market < values.length ? values[market] : 0;
  }

  public int id() {
    return id;
  }

  /** The key the account was created with ({@link AccountKey#NONE} for the fund). */
  public AccountKey key() {
    return key;
  }

  /** The nonce the account's next withdrawal must carry: its withdrawals so far. */
  public long nonce() {
    return nonce;
  }

  public static int fillSlot(long clientOrderId) {
    return (int) (clientOrderId & (FILL_SLOTS - 1));
  }

  /** Whether a resting order of the account uses this fill slot. */
  public boolean slotBusy(int slot) {
    return resting.containsKey(slot);
  }

  /** The newest client order id that filled from the slot, -1 if none did. */
  public long lastFilled(int slot) {
    return filled == null ? -1 : filled.get(slot, -1);
  }

  public long collateral() {
    return collateral;
  }

  /** Markets with a position or open orders, one bit per market id. */
  public long activeMarkets() {
    return activeMarkets;
  }

  public long size(int market) {
    return at(size, market);
  }

  public long cost(int market) {
    return at(cost, market);
  }

  public long fundingIndex(int market) {
    return at(fundingIndex, market);
  }

  public long openBuy(int market) {
    return at(openBuy, market);
  }

  public long openSell(int market) {
    return at(openSell, market);
  }

  public long reduceOnlyOpen(int market) {
    return at(reduceOnlyOpen, market);
  }

  public boolean hasPositions() {
    for (long bits = activeMarkets; bits != 0; bits &= bits - 1) {
      if (size[Long.numberOfTrailingZeros(bits)] != 0) {
        return true;
      }
    }
    return false;
  }

  /** The order id resting under a client order id, or {@link OrderBook#NONE}. */
  public long orderId(long clientOrderId) {
    if (clientOrderId < 0) {
      return OrderBook.NONE; // negative ids never rest
    }
    long orderId = resting.get(fillSlot(clientOrderId), OrderBook.NONE);
    return orderId != OrderBook.NONE && clientOrderId(orderId) == clientOrderId
        ? orderId
        : OrderBook.NONE;
  }

  private long clientOrderId(long orderId) {
    return state.market(ExchangeState.marketOf(orderId)).book.clientOrderId(orderId);
  }

  public int openOrderCount() {
    return resting.size();
  }

  /** The order ids of the resting orders, ascending. */
  long[] restingOrderIds() {
    long[] ids = resting.values();
    Arrays.sort(ids);
    return ids;
  }

  /** The client order ids of the resting orders, ascending. */
  public long[] clientOrderIds() {
    long[] ids = restingOrderIds();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = clientOrderId(ids[i]);
    }
    Arrays.sort(ids);
    return ids;
  }

  /**
   * Funding accrued on the position in {@code m} since it was last settled: ceil(size * (market
   * index - account index) / 1e6), 0 when flat.
   */
  public long fundingOwed(Market m) {
    long s = size(m.id());
    if (s == 0) {
      return 0;
    }
    return Fixed.mulDivCeil(s, Math.subtractExact(m.fundingIndex, fundingIndex[m.id()]), Fixed.PPM);
  }
}
