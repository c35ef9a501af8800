package dev.sable.sequencer.options;

/** An instrument the risk arrays cover: an underlying's perpetual, or an option on it. */
public sealed interface RiskInstrument {

  /**
   * Market ids of risk rows are below 2^16: generous for an options book (the state layout's ids
   * are below 256 today), and it bounds the per-market tables a margin calculator allocates.
   */
  int MARKET_LIMIT = 1 << 16;

  /** Whether a market id is one a risk row may carry. */
  static boolean isMarketId(long market) {
    return market >= 0 && market < MARKET_LIMIT;
  }

  /** The market id of the instrument. */
  int market();

  /** The market id of its underlying (a perpetual is its own underlying). */
  int underlying();

  /** The perpetual market that is an underlying; its array is its linear P&L. */
  record Perpetual(int market) implements RiskInstrument {
    @Override
    public int underlying() {
      return market;
    }
  }

  /** An option market, with its series' volatility at the batch's risk time. */
  record Option(int market, OptionSpec spec, long volPpm) implements RiskInstrument {
    @Override
    public int underlying() {
      return spec.underlyingMarket();
    }
  }
}
