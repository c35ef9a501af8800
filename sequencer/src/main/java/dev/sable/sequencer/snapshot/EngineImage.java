package dev.sable.sequencer.snapshot;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;
import java.util.List;

/**
 * The engine's whole state as a value: what a snapshot holds ({@code Sequencer.image()}, {@code
 * Sequencer.restore}, encoded by {@code codec.SnapshotCodec}). Everything else the engine keeps is
 * derived from it when it is restored: each account's open-order totals, active markets and
 * client-id index, and the expiry queue, all rebuilt by booking the resting orders again. The
 * chained state hash is not part of it (a snapshot keeps it beside the image).
 *
 * @param now log time (the last TimeTick)
 * @param orderSequence the last order id's sequence (order ids are {@code sequence << 6 | market})
 * @param markets by market id
 * @param accounts every account ever created (the insurance fund, account 0, first), by ascending
 *     id
 */
public record EngineImage(
    long now,
    long feePool,
    long fundingPool,
    long netDeposits,
    long orderSequence,
    List<MarketImage> markets,
    List<AccountImage> accounts) {

  public EngineImage {
    markets = List.copyOf(markets);
    accounts = List.copyOf(accounts);
  }

  /**
   * A listed market.
   *
   * @param lastFundingTime {@link Long#MIN_VALUE} before the first funding tick
   * @param sources one record per oracle source ({@code spec.oracleSources()} of them)
   * @param bids resting buy orders in priority order (best first, oldest first within a price)
   * @param asks resting sell orders in priority order
   * @param option an option market's terms and volatility, null for a perpetual
   * @param realized a perpetual's realized volatility estimate, null before its first sample (its
   *     scenario range is derived from it on restore)
   */
  public record MarketImage(
      MarketSpec spec,
      MarketStatus status,
      long mark,
      boolean markValid,
      long fundingIndex,
      long lastFundingTime,
      List<OracleRecord> sources,
      List<RestingOrder> bids,
      List<RestingOrder> asks,
      OptionImage option,
      RealizedImage realized) {
    public MarketImage {
      sources = List.copyOf(sources);
      bids = List.copyOf(bids);
      asks = List.copyOf(asks);
    }
  }

  /**
   * What an option market adds: its terms, and the volatility its sources' records give (their
   * median at the image's time, as the mark is for a perpetual).
   */
  public record OptionImage(OptionTerms terms, long volatility, boolean volatilityValid) {}

  /**
   * A perpetual's realized volatility estimate (docs/options.md "Volatility-driven parameters"):
   * its last sample's log time and mark, and the variance in ppm^2 per year (> 0).
   */
  public record RealizedImage(long lastTime, long lastPrice, long variancePpm2) {}

  /** A source's last price and publish time ({@link Long#MIN_VALUE}: it never published). */
  public record OracleRecord(long price, long publishTime) {}

  /**
   * An order resting in a book, with its remaining quantity; {@code flags} are the book's POST_ONLY
   * (1) and REDUCE_ONLY (2) bits, {@code expiry} 0 for none.
   */
  public record RestingOrder(
      long orderId,
      int account,
      long clientOrderId,
      long price,
      long quantity,
      int flags,
      long expiry) {}

  /**
   * An account: its key ({@code AccountKey.NONE} for the fund), collateral, withdrawal nonce,
   * margin mode, the uncovered deficit last reported for it (0 for none), its per-market position
   * records and its fill slots' newest filled client order ids (ascending by slot).
   */
  public record AccountImage(
      int id,
      AccountKey key,
      long collateral,
      long nonce,
      boolean portfolioMargin,
      long reportedDeficit,
      List<PositionImage> positions,
      List<FilledSlot> filledSlots) {
    public AccountImage {
      positions = List.copyOf(positions);
      filledSlots = List.copyOf(filledSlots);
    }
  }

  /** A fill slot that filled, with the newest client order id that filled from it. */
  public record FilledSlot(int slot, long clientOrderId) {}

  /**
   * One market's position record of an account, kept whenever any of its numbers is non-zero (a
   * flat position's funding index is still part of the state hash while the account has orders
   * there).
   */
  public record PositionImage(int market, long size, long cost, long fundingIndex) {}
}
