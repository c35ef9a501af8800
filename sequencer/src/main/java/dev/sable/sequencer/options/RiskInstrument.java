package dev.sable.sequencer.options;

/** An instrument the risk arrays cover: an underlying's perpetual, or an option on it. */
public sealed interface RiskInstrument {

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
