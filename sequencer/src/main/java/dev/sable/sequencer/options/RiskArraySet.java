package dev.sable.sequencer.options;

import java.util.List;

/**
 * A batch's risk arrays: the grid version and risk time they were computed with, the underlyings'
 * public inputs, and one row per instrument (each underlying's perpetual and every option on it),
 * both ascending by market id. {@link RiskArrayCalculator} makes them, {@link RiskArrayCodec}
 * encodes them canonically, and {@link PortfolioMargin} prices accounts with them.
 */
public record RiskArraySet(
    int gridVersion,
    long time,
    List<UnderlyingRisk> underlyings,
    List<InstrumentRisk> instruments) {
  public RiskArraySet {
    underlyings = List.copyOf(underlyings);
    instruments = List.copyOf(instruments);
  }
}
