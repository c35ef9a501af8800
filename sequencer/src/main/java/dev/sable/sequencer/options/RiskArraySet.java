package dev.sable.sequencer.options;

import java.util.List;

/**
 * A batch's risk arrays: the grid version and risk time they were computed with, the underlyings'
 * public inputs, and one row per instrument (each underlying's perpetual and every option on it),
 * both strictly ascending by market id, every row's underlying among the underlyings and every row
 * as long as the others. {@link RiskArrayCalculator} makes them, {@link RiskArrayCodec} encodes
 * them canonically, and {@link PortfolioMargin} prices accounts with them.
 */
public record RiskArraySet(
    int gridVersion,
    long time,
    List<UnderlyingRisk> underlyings,
    List<InstrumentRisk> instruments) {
  public RiskArraySet {
    underlyings = List.copyOf(underlyings);
    instruments = List.copyOf(instruments);
    for (int i = 0; i < underlyings.size(); i++) {
      UnderlyingRisk u = underlyings.get(i);
      if (!u.isValid()) {
        throw new IllegalArgumentException("risk arrays: invalid underlying " + u);
      }
      if (i > 0 && underlyings.get(i - 1).market() >= u.market()) {
        throw new IllegalArgumentException(
            "risk arrays: underlyings not in ascending market order: "
                + u.market()
                + " after "
                + underlyings.get(i - 1).market());
      }
    }
    for (int i = 0; i < instruments.size(); i++) {
      InstrumentRisk row = instruments.get(i);
      int market = row.instrument().market();
      if (!RiskInstrument.isMarketId(market)) {
        throw new IllegalArgumentException("risk arrays: market id out of range: " + market);
      }
      if (i > 0 && instruments.get(i - 1).instrument().market() >= market) {
        throw new IllegalArgumentException(
            "risk arrays: instruments not in ascending market order: "
                + market
                + " after "
                + instruments.get(i - 1).instrument().market());
      }
      if (!hasUnderlying(underlyings, row.instrument().underlying())) {
        throw new IllegalArgumentException(
            "risk arrays: row " + market + " has no underlying input");
      }
      if (row.pnlView().length != instruments.get(0).pnlView().length) {
        throw new IllegalArgumentException("risk arrays: row " + market + " of another length");
      }
    }
  }

  private static boolean hasUnderlying(List<UnderlyingRisk> underlyings, int market) {
    return underlyings.stream().anyMatch(u -> u.market() == market);
  }
}
