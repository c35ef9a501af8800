package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.MarketLeafV2;
import java.util.List;

/**
 * A market table row: the leaf before the batch, its path in the market tree when the row is
 * written (rows are written in row order, after the account rows), and the funding tick.
 */
public record MarketRow(
    MarketLeafV2 before,
    List<Fr> siblings,
    boolean tick,
    long rate,
    int underlyingRow,
    long optionMark,
    boolean optionValid,
    long optionVol) {
  public MarketRow {
    siblings = List.copyOf(siblings);
  }

  /** A perpetual's row (an option row also names its underlying's row and its committed mark). */
  public MarketRow(MarketLeafV2 before, List<Fr> siblings, boolean tick, long rate) {
    this(before, siblings, tick, rate, 0, 0, false, 0);
  }
}
