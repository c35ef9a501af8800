package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.AccountLeafV2;
import java.util.List;

/**
 * An account table row: the account before the batch (for one the batch creates: its key and
 * blinding, everything else empty), the market row each position slot uses in this batch ({@link
 * #NO_ROW} for none), and the path in the account tree at the moment the row is written (rows are
 * written in row order, after everything else).
 */
public record AccountRow(
    long index,
    boolean exists,
    AccountLeafV2 before,
    List<Integer> slotMarkets,
    List<Fr> siblings) {
  /** A position slot without a market in this batch; a refunded deposit's row. */
  public static final int NO_ROW = -1;

  public AccountRow {
    slotMarkets = List.copyOf(slotMarkets);
    siblings = List.copyOf(siblings);
  }
}
