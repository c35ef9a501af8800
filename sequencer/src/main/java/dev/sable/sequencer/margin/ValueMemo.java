package dev.sable.sequencer.margin;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Per account, its equity and {@link Exposure} as last computed by an order check, stamped with the
 * account's {@link Account#valueVersion()} and the state's {@link ExchangeState#priceEpoch()}. Both
 * are functions of the account's collateral, sizes, costs and funding indexes and of its markets'
 * marks and funding indexes only, so equal stamps mean they are still exact: the order check reads
 * them instead of summing over the account's markets (docs/sequencer.md "Margin").
 */
final class ValueMemo {
  private static final int VERSION = 0;
  private static final int EPOCH = 1;
  private static final int EQUITY = 2;
  private static final int EXPOSURE = 3;
  private static final int FIELDS = 4;

  /** No entry: price epochs are never negative. */
  private static final long NONE = -1;

  private final ExchangeState state;

  /** The equity if it fits a long; throws {@link ArithmeticException} otherwise. */
  private final ToLongFunction<Account> longEquity;

  /** Account id's entry at {@code id * FIELDS}. */
  private long[] rows = new long[0];

  ValueMemo(ExchangeState state, ToLongFunction<Account> longEquity) {
    this.state = state;
    this.longEquity = longEquity;
  }

  /**
   * Where the account's current values are, computed first if its entry is stale; -1 when its
   * equity leaves a long (never kept: the caller sums exactly).
   */
  int row(Account a) {
    int r = a.id() * FIELDS;
    if (r >= rows.length) {
      int old = rows.length;
      rows = Arrays.copyOf(rows, Math.max(r + FIELDS, 2 * old));
      for (int i = old + EPOCH; i < rows.length; i += FIELDS) {
        rows[i] = NONE;
      }
    }
    long version = a.valueVersion();
    long epoch = state.priceEpoch();
    if (rows[r + VERSION] == version && rows[r + EPOCH] == epoch) {
      return r;
    }
    long equity;
    try {
      equity = longEquity.applyAsLong(a);
    } catch (ArithmeticException beyondALong) {
      rows[r + EPOCH] = NONE;
      return -1;
    }
    rows[r + VERSION] = version;
    rows[r + EPOCH] = epoch;
    rows[r + EQUITY] = equity;
    rows[r + EXPOSURE] = Exposure.of(a, state);
    return r;
  }

  long equity(int row) {
    return rows[row + EQUITY];
  }

  long exposure(int row) {
    return rows[row + EXPOSURE];
  }
}
