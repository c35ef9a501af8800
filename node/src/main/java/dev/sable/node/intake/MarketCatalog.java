package dev.sable.node.intake;

import dev.sable.sequencer.market.MarketSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The listed markets' parameters, published by the sequencer thread as markets are listed and read
 * by intake for its early checks (tick, lot, maxima). Market ids are the listing order.
 */
public final class MarketCatalog {
  private volatile MarketSpec[] specs = new MarketSpec[0];

  /** The spec of a market, or null if it is not listed. */
  public MarketSpec spec(long market) {
    MarketSpec[] s = specs;
    return market >= 0 && market < s.length ? s[(int) market] : null;
  }

  public List<MarketSpec> all() {
    return List.of(specs);
  }

  /** Called by the sequencer thread when market {@code id} (the next one) is listed. */
  public synchronized void listed(int id, MarketSpec spec) {
    if (id != specs.length) {
      throw new IllegalStateException("market " + id + " listed out of order");
    }
    MarketSpec[] grown = Arrays.copyOf(specs, id + 1);
    grown[id] = spec;
    specs = grown;
  }
}
