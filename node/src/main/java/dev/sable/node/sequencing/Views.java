package dev.sable.node.sequencing;

import dev.sable.sequencer.market.MarketSpec;
import java.util.List;

/** The read-only views the API serves, built on the sequencer's thread by {@link StateQueries}. */
public final class Views {
  private Views() {}

  /** An account's balance and margin: collateral, equity and both requirements at the marks. */
  public record AccountSummary(
      int account,
      long collateral,
      long equity,
      long initialRequirement,
      long maintenanceRequirement,
      int openOrders,
      int positions) {}

  /** A position: size, entry cost, the market's mark, and its unrealized PnL at mark. */
  public record Position(
      int market, long size, long cost, long fundingIndex, long mark, long unrealizedPnl) {}

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

  /** A market's parameters and state, as anyone may see them. */
  public record Market(
      int id, String status, MarketSpec spec, long mark, boolean markValid, long fundingIndex) {}

  /** One aggregated price level: total remaining quantity and the number of orders. */
  public record Level(long price, long quantity, int orders) {}

  /** Aggregated depth without accounts: bids best (highest) first, asks best (lowest) first. */
  public record Depth(int market, long sequence, List<Level> bids, List<Level> asks) {}

  /** The sequencer's position and state hash (operations; the kill test compares it). */
  public record Status(long appliedSequence, String stateHash, long now, int accounts) {}
}
