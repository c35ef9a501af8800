package dev.sable.node;

import dev.sable.sequencer.market.MarketSpec;

/** The market the node's tests list: ticks of 5, lots of 10, positions up to 10,000. */
public final class TestMarkets {
  public static final MarketSpec SPEC =
      new MarketSpec(
          "ETH-PERP",
          5,
          10,
          100_000,
          50_000,
          0,
          500,
          10_000,
          1_000_000,
          1,
          60_000,
          3_600_000,
          2_000,
          100);

  private TestMarkets() {}
}
