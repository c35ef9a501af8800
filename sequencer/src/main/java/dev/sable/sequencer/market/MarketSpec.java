package dev.sable.sequencer.market;

import dev.sable.sequencer.math.Fixed;

/**
 * The parameters of a perpetual market. Prices are integers in collateral base units per quantity
 * unit, so a fill's notional is exactly {@code price * quantity}. Fractions are in parts per
 * million.
 *
 * @param symbol display name: 1 to {@link #MAX_SYMBOL_LENGTH} printable ASCII characters
 * @param tickSize every price is a multiple of it
 * @param lotSize every quantity is a multiple of it
 * @param initialMarginPpm margin to open risk
 * @param maintenanceMarginPpm margin below which an account is liquidated; also the liquidation
 *     price bound in the book
 * @param makerFeePpm fee charged to the resting side; negative is a rebate
 * @param takerFeePpm fee charged to the incoming side
 * @param maxPosition largest absolute position (and worst case with open orders) per account
 * @param maxPrice largest accepted order or oracle price
 * @param oracleSources number of oracle sources feeding the mark (ids 0..n-1)
 * @param oracleStaleness an oracle record older than this (in log time units) is ignored
 * @param fundingInterval least time between two funding ticks
 * @param fundingClampPpm bound on the absolute funding rate per interval
 * @param impactQuantity quantity whose average fill price is the impact bid/ask
 */
public record MarketSpec(
    String symbol,
    long tickSize,
    long lotSize,
    long initialMarginPpm,
    long maintenanceMarginPpm,
    long makerFeePpm,
    long takerFeePpm,
    long maxPosition,
    long maxPrice,
    int oracleSources,
    long oracleStaleness,
    long fundingInterval,
    long fundingClampPpm,
    long impactQuantity) {

  /**
   * Bound on a single notional, price * quantity: 2^62, so a sum of a few of them (equity over
   * positions, cost plus fill) stays far inside a long; sums are still computed with addExact.
   */
  public static final long MAX_NOTIONAL = 1L << 62;

  /**
   * Bound on maxPosition: 2^60. An account's open-order totals are at most 2 * maxPosition and an
   * order's quantity at most maxPosition, so the worst-case position arithmetic of the risk check
   * (size + open + quantity) stays below 2^62.
   */
  public static final long MAX_POSITION = 1L << 60;

  /**
   * Longest symbol. Symbols are printable ASCII ('!' to '~'), so an event naming one always has a
   * canonical binary encoding of bounded size (the state hash encodes every event).
   */
  public static final int MAX_SYMBOL_LENGTH = 32;

  /** Bound on the absolute funding index of any market: 2^60, so index differences fit. */
  private static final long MAX_FUNDING_INDEX = 1L << 60;

  /**
   * Oracle sources a market may have: a market leaf of the settlement layout holds 8 keys and
   * records (docs/settlement.md).
   */
  public static final int MAX_ORACLE_SOURCES = 8;

  /** Whether the parameters are consistent; listing rejects them otherwise. */
  public boolean isValid() {
    return validSymbol(symbol)
        && tickSize > 0
        && lotSize > 0
        && 0 < maintenanceMarginPpm
        && maintenanceMarginPpm < initialMarginPpm
        && initialMarginPpm <= Fixed.PPM
        && takerFeePpm >= 0
        && takerFeePpm <= Fixed.PPM
        && makerFeePpm <= takerFeePpm
        && makerFeePpm + takerFeePpm >= 0
        && maxPosition > 0
        && maxPrice > 0
        && maxPosition <= MAX_POSITION
        && maxPosition <= MAX_NOTIONAL / maxPrice
        && oracleSources > 0
        && oracleSources <= MAX_ORACLE_SOURCES
        && oracleStaleness > 0
        && fundingInterval > 0
        && fundingClampPpm >= 0
        && fundingClampPpm <= Fixed.PPM
        && impactQuantity > 0
        && impactQuantity <= maxPosition; // bounds the impact notional by MAX_NOTIONAL
  }

  /** The taker fee of a fill of this notional: ceil(notional * takerFee / 1e6). */
  public long takerFee(long notional) {
    return Fixed.ppmCeil(notional, takerFeePpm);
  }

  /** The maker fee: rounded up when charged, a rebate rounded down (negative) otherwise. */
  public long makerFee(long notional) {
    return makerFeePpm >= 0
        ? Fixed.ppmCeil(notional, makerFeePpm)
        : -Fixed.ppmFloor(notional, -makerFeePpm);
  }

  private static boolean validSymbol(String symbol) {
    return symbol != null
        && !symbol.isEmpty()
        && symbol.length() <= MAX_SYMBOL_LENGTH
        && symbol.chars().allMatch(c -> c >= '!' && c <= '~');
  }

  /**
   * Bound on the absolute cumulative funding index: funding of floor(maxPrice / 4) collateral units
   * per quantity unit (in millionths), at most 2^60. A settlement then moves at most |index
   * difference| / 1e6 <= maxPrice / 2 per unit, so funding owed on a position of at most
   * maxPosition is at most 2^61, and a position's value (unrealized PnL within about 2^62, minus
   * funding owed) fits a long. A funding tick that would pass it is rejected.
   */
  public long maxFundingIndex() {
    long quarterPrice = maxPrice / 4;
    return quarterPrice > MAX_FUNDING_INDEX / Fixed.PPM
        ? MAX_FUNDING_INDEX
        : quarterPrice * Fixed.PPM;
  }
}
