package dev.sable.node;

import dev.sable.sequencer.market.MarketSpec;

/** The markets the node's tests list; SPEC: ticks of 5, lots of 10, positions up to 10,000. */
public final class TestMarkets {
  public static final MarketSpec SPEC = market("ETH-PERP", 5, 10, 10_000, 1_000_000);

  /**
   * A market with the node tests' terms: initial and maintenance margin 10% and 5%, no maker fee, a
   * taker fee of 5 bps, one oracle source with a staleness of a minute, hourly funding clamped at
   * 0.2%, an impact quantity of 100.
   */
  public static MarketSpec market(
      String symbol, long tickSize, long lotSize, long maxPosition, long maxPrice) {
    return new MarketSpec(
        symbol,
        tickSize,
        lotSize,
        100_000,
        50_000,
        0,
        500,
        maxPosition,
        maxPrice,
        1,
        60_000,
        3_600_000,
        2_000,
        100);
  }

  private TestMarkets() {}
}
