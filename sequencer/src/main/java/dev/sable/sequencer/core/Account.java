package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.math.Fixed;
import dev.sable.sequencer.util.FilledIds;
import dev.sable.sequencer.util.SlotIndex;
import java.util.Arrays;

/**
 * One trader (or the insurance fund, id 0): collateral, per-market position and open-order totals,
 * and its open orders by client order id. The per-market values sit together, {@link #STRIDE} longs
 * per market id in one array that grows on first use (a market's values in one or two cache lines,
 * a pass over the account's markets reading 48 bytes per market); {@link #activeMarkets()} has a
 * bit per market where the account has a position or open orders, so margin is computed over those
 * markets only.
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

  // The per-market values: market m's value f is perMarket[m * STRIDE + f].

  /** Signed position size (positive long). */
  static final int SIZE = 0;

  /** Signed entry cost: sum of price * signed quantity of the open position. */
  static final int COST = 1;

  /** Market funding index at which this position's funding was last settled. */
  static final int FUNDING_INDEX = 2;

  /** Total remaining quantity of resting buy orders. */
  static final int OPEN_BUY = 3;

  /** Total remaining quantity of resting sell orders. */
  static final int OPEN_SELL = 4;

  /** Total remaining quantity of resting reduce-only orders (all on the reducing side). */
  static final int REDUCE_ONLY_OPEN = 5;

  /** The six values, with no padding: fewer lines per pass over the markets (issue 14). */
  static final int STRIDE = 6;

  private final int id;
  private final AccountKey key;

  /** To reach a resting order in its book. */
  private final ExchangeState state;

  long collateral;

  /** Withdrawals made: the nonce the next signed withdrawal must carry. */
  long nonce;

  /**
   * Starts covering market 0, allocated with the account: its row then sits in memory right after
   * the account's fields (and before its {@link #resting} table), lines a fill reads together.
   */
  long[] perMarket = new long[STRIDE];

  long activeMarkets;

  /** Portfolio margin instead of cross (docs/options.md "Portfolio margin mode"). */
  boolean portfolioMargin;

  /**
   * The uncovered deficit last reported for the account ({@code UncoveredDeficit}), 0 for none or
   * once its collateral is back at zero or above: a sweep settles a flat account's negative
   * collateral again only when its amount changed or the fund can pay (docs/sequencer.md,
   * "Liquidation").
   */
  long reportedDeficit;

  /**
   * Resting orders by fill slot (one per slot): slot to where the order rests, {@code handle << 6 |
   * market} (its book's {@link OrderBook#handle}), so a command naming a client id reaches its
   * order without the book's id lookup. Keyed by slot, so an amend (same slot) leaves it alone. A
   * {@link SlotIndex} table held here, as {@link #filled} is, so that a new order's check reaches
   * each with one load from the account (their first touch in a command is a cache miss).
   */
  long[] resting = SlotIndex.newTable();

  /**
   * {@code resting.length - 1}, kept here so that a lookup's entry load does not wait for the
   * table's header line ({@link SlotIndex}).
   */
  int restingMask = resting.length - 1;

  /** The entries in {@link #resting}. */
  int restingOrders;

  /** Fill slot to the newest client order id that filled from it ({@link FilledIds}). */
  byte[] filled = FilledIds.EMPTY;

  /**
   * The margin check's memo ({@link #keepSums}): the market its sums leave out, -1 for none. A
   * write of another market's size, cost or funding index drops it.
   */
  private int sumsMarket = -1;

  private long sumsEpoch;
  private long sumsExposure;
  private long sumsExcess;

  Account(int id, AccountKey key, ExchangeState state) {
    this.id = id;
    this.key = key;
    this.state = state;
  }

  /** Makes the per-market values cover {@code market}. */
  void ensureMarket(int market) {
    if (market * STRIDE < perMarket.length) {
      return;
    }
    perMarket = Arrays.copyOf(perMarket, (market + 1) * STRIDE);
  }

  /** How many market ids the per-market values cover (0 to this, exclusive). */
  int coveredMarkets() {
    return perMarket.length / STRIDE;
  }

  /** A per-market value of a covered market. */
  long get(int market, int field) {
    return perMarket[market * STRIDE + field];
  }

  void set(int market, int field, long value) {
    if (field <= FUNDING_INDEX && market != sumsMarket) {
      sumsMarket = -1;
    }
    perMarket[market * STRIDE + field] = value;
  }

  /** Refreshes the active bit of a market after its position or open orders changed. */
  void refreshActive(int market) {
    long bit = 1L << market;
    int i = market * STRIDE;
    if (perMarket[i + SIZE] != 0 || perMarket[i + OPEN_BUY] != 0 || perMarket[i + OPEN_SELL] != 0) {
      activeMarkets |= bit;
    } else {
      activeMarkets &= ~bit;
    }
  }

  /** A per-market value; 0 for a market the values do not cover yet. */
  private long at(int market, int field) {
    int i = market * STRIDE + field;
    return i < perMarket.length ? perMarket[i] : 0;
  }

  /**
   * Keeps sums the fill-time margin check made over the account's positions in every market but
   * {@code market}, at the markets' {@code epoch} ({@link ExchangeState#marketEpoch()}): they hold
   * while no mark or funding index moves and no other market's size, cost or funding index of the
   * account changes (fills in {@code market} itself leave them valid). Not state: a fresh account
   * has none, and they are neither hashed nor in snapshots.
   */
  public void keepSums(int market, long epoch, long exposure, long excess) {
    sumsMarket = market;
    sumsEpoch = epoch;
    sumsExposure = exposure;
    sumsExcess = excess;
  }

  /** The market the kept sums leave out, if they hold at {@code epoch}; -1 otherwise. */
  public int sumsMarket(long epoch) {
    return sumsEpoch == epoch ? sumsMarket : -1;
  }

  /** The kept exposure bound's sum (see {@link #keepSums}). */
  public long sumsExposure() {
    return sumsExposure;
  }

  /** The kept sum of position value minus initial requirement (see {@link #keepSums}). */
  public long sumsExcess() {
    return sumsExcess;
  }

  /** Whether the account is margined as a portfolio (otherwise cross margin). */
  public boolean portfolioMargin() {
    return portfolioMargin;
  }

  public int id() {
    return id;
  }

  /** The key the account was created with ({@link AccountKey#NONE} for the fund). */
  public AccountKey key() {
    return key;
  }

  /** The uncovered deficit last reported for the account, 0 for none or once paid up. */
  public long reportedDeficit() {
    return reportedDeficit;
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
    return SlotIndex.contains(resting, restingMask, slot);
  }

  /** The newest client order id that filled from the slot, -1 if none did. */
  public long lastFilled(int slot) {
    return FilledIds.get(filled, slot);
  }

  /**
   * Why a new order's client id (or a margin-mode switch's request id, which takes its fill slot
   * the same way) is refused, null if it is not: it must be in the signed order's range, not
   * resting, its fill slot free (one resting order per slot) and above the last id the slot filled
   * (an older order never fills after a newer one).
   */
  public RejectReason clientOrderIdRefusal(long clientOrderId) {
    if (clientOrderId < 0 || clientOrderId == Long.MAX_VALUE) {
      return RejectReason.BAD_CLIENT_ORDER_ID;
    }
    int slot = fillSlot(clientOrderId);
    if (slotBusy(slot)) {
      return orderId(clientOrderId) != OrderBook.NONE
          ? RejectReason.DUPLICATE_CLIENT_ORDER_ID
          : RejectReason.FILL_SLOT_BUSY;
    }
    return clientOrderId <= lastFilled(slot) ? RejectReason.CLIENT_ORDER_ID_USED : null;
  }

  /** Records that the client order id filled from (or a switch took) its fill slot. */
  void recordFill(long clientOrderId) {
    filled = FilledIds.with(filled, fillSlot(clientOrderId), clientOrderId);
  }

  /** Records where the order in a fill slot rests. */
  void rest(int slot, long where) {
    int before = slotBusy(slot) ? restingOrders - 1 : restingOrders;
    resting = SlotIndex.put(resting, before, slot, where);
    restingMask = resting.length - 1;
    restingOrders = before + 1;
  }

  /** Forgets the resting order in a fill slot, if any. */
  void unrest(int slot) {
    if (SlotIndex.remove(resting, slot)) {
      restingOrders--;
    }
  }

  public long collateral() {
    return collateral;
  }

  /** Markets with a position or open orders, one bit per market id. */
  public long activeMarkets() {
    return activeMarkets;
  }

  public long size(int market) {
    return at(market, SIZE);
  }

  public long cost(int market) {
    return at(market, COST);
  }

  public long fundingIndex(int market) {
    return at(market, FUNDING_INDEX);
  }

  public long openBuy(int market) {
    return at(market, OPEN_BUY);
  }

  public long openSell(int market) {
    return at(market, OPEN_SELL);
  }

  public long reduceOnlyOpen(int market) {
    return at(market, REDUCE_ONLY_OPEN);
  }

  /**
   * Copies, for each active market in ascending id, its size, cost, funding index, open buy and
   * open sell into {@code into} from {@code at}; returns the index after the last (room for 5 per
   * active market is the caller's).
   */
  public int copyActiveMarkets(long[] into, int at) {
    int w = at;
    for (long bits = activeMarkets; bits != 0; bits &= bits - 1) {
      int i = Long.numberOfTrailingZeros(bits) * STRIDE;
      into[w] = perMarket[i + SIZE];
      into[w + 1] = perMarket[i + COST];
      into[w + 2] = perMarket[i + FUNDING_INDEX];
      into[w + 3] = perMarket[i + OPEN_BUY];
      into[w + 4] = perMarket[i + OPEN_SELL];
      w += 5;
    }
    return w;
  }

  public boolean hasPositions() {
    for (long bits = activeMarkets; bits != 0; bits &= bits - 1) {
      if (get(Long.numberOfTrailingZeros(bits), SIZE) != 0) {
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
    long where = SlotIndex.get(resting, restingMask, fillSlot(clientOrderId));
    if (where < 0) {
      return OrderBook.NONE;
    }
    OrderBook book = bookOf(where);
    long orderId = book.idAt(handleOf(where));
    return book.clientOrderId(orderId) == clientOrderId ? orderId : OrderBook.NONE;
  }

  /**
   * The market of the order resting under a client order id (known to rest), from the account's own
   * index: without reading the order's record.
   */
  public int restingMarket(long clientOrderId) {
    return marketOf(SlotIndex.get(resting, restingMask, fillSlot(clientOrderId)));
  }

  private static int marketOf(long where) {
    return (int) (where & (ExchangeState.MAX_MARKETS - 1));
  }

  private OrderBook bookOf(long where) {
    return state.market(marketOf(where)).book;
  }

  private static int handleOf(long where) {
    return (int) (where >>> 6);
  }

  public int openOrderCount() {
    return restingOrders;
  }

  /** The order ids of the resting orders, ascending. */
  long[] restingOrderIds() {
    long[] ids = SlotIndex.values(resting, restingOrders);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = bookOf(ids[i]).idAt(handleOf(ids[i]));
    }
    Arrays.sort(ids);
    return ids;
  }

  /** The client order ids of the resting orders, ascending. */
  public long[] clientOrderIds() {
    long[] ids = restingOrderIds();
    for (int i = 0; i < ids.length; i++) {
      ids[i] = state.market(ExchangeState.marketOf(ids[i])).book.clientOrderId(ids[i]);
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
    return Fixed.mulDivCeil(
        s, Math.subtractExact(m.fundingIndex, get(m.id(), FUNDING_INDEX)), Fixed.PPM);
  }
}
