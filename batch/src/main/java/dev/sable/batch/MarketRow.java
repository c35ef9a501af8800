package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.MarketLeafV2;
import java.util.List;

/**
 * A market table row: the leaf before the batch, its path in the market tree when the row is
 * written (rows are written in row order, after the account rows), and the funding tick.
 */
public record MarketRow(MarketLeafV2 before, List<Fr> siblings, boolean tick, long rate) {
  public MarketRow {
    siblings = List.copyOf(siblings);
  }
}
