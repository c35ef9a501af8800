package dev.sable.node.sequencing;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.options.Greeks;
import java.util.List;

/** The read-only views the API serves, built on the sequencer's thread by {@link StateQueries}. */
public final class Views {
  private Views() {}

  /**
   * An account's balance and margin: collateral, equity and both requirements at the marks, its
   * margin mode ({@code cross} or {@code portfolio}) and its Greeks summed per underlying.
   */
  public record AccountSummary(
      int account,
      long collateral,
      long equity,
      long initialRequirement,
      long maintenanceRequirement,
      int openOrders,
      int positions,
      String marginMode,
      List<UnderlyingGreeks> greeks) {}

  /**
   * A position: size, entry cost, the market's mark, its unrealized PnL at mark, and its Greeks
   * (null for an option without a model input yet). An option position has no cost (its premium
   * went through collateral at the fill), so its PnL at mark is its value {@code size * mark}.
   */
  public record Position(
      int market,
      long size,
      long cost,
      long fundingIndex,
      long mark,
      long unrealizedPnl,
      Greeks greeks) {}

  /** The sum of an account's Greeks over the perpetual {@code underlying} and its options. */
  public record UnderlyingGreeks(int underlying, long delta, long gamma, long vega, long theta) {}

  public record OpenOrder(
      int market,
      long orderId,
      long clientOrderId,
      String side,
      long price,
      long remaining,
      boolean postOnly,
      boolean reduceOnly,
      long expiry) {}

  /**
   * A market's parameters and state, as anyone may see them; {@code option} is null for a
   * perpetual.
   */
  public record Market(
      int id,
      String status,
      MarketSpec spec,
      long mark,
      boolean markValid,
      long fundingIndex,
      Option option) {}

  /**
   * An option market's terms (docs/options.md "Units") and its volatility: the median of its
   * sources in ppm per year, valid when a source is fresh.
   */
  public record Option(
      int underlyingMarket,
      String kind,
      long strike,
      long expiry,
      long contractSize,
      long volatilityPpm,
      boolean volatilityValid) {}

  /** One aggregated price level: total remaining quantity and the number of orders. */
  public record Level(long price, long quantity, int orders) {}

  /** Aggregated depth without accounts: bids best (highest) first, asks best (lowest) first. */
  public record Depth(int market, long sequence, List<Level> bids, List<Level> asks) {}

  /** The sequencer's position and state hash (operations; the kill test compares it). */
  public record Status(long appliedSequence, String stateHash, long now, int accounts) {}
}
