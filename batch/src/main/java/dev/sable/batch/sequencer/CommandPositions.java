package dev.sable.batch.sequencer;

import dev.sable.batch.Trade;
import dev.sable.crypto.OrderMessage;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions as they were while a command's fills happened, rebuilt from the state after the
 * command: a position the command traded was its size after the command minus the command's fills,
 * and moves fill by fill as {@link #apply} walks them. What the sealing rule needs to know about a
 * fill: the size it met (does it add risk?) and an account's markets before it (its position slots
 * at the start of a batch).
 */
final class CommandPositions {
  private final ExchangeState state;
  private final Map<Long, Long> sizes = new HashMap<>(); // (account << 8 | market) -> size

  CommandPositions(ExchangeState state, List<Trade> trades) {
    this.state = state;
    for (Trade t : trades) {
      for (OrderMessage o : List.of(t.maker().order(), t.taker().order())) {
        long key = key(o.accountIndex(), o.marketId());
        sizes.putIfAbsent(key, account(o.accountIndex()).size((int) o.marketId()));
        sizes.merge(key, -signed(o, t.quantity()), Long::sum);
      }
    }
  }

  private static long key(long account, long market) {
    return account << 8 | market;
  }

  private Account account(long index) {
    return state.account((int) index);
  }

  /** A leg's signed quantity: positive for the buyer. */
  static long signed(OrderMessage o, long quantity) {
    return o.side() == 0 ? quantity : -quantity;
  }

  long size(long account, long market) {
    Long s = sizes.get(key(account, market));
    return s != null ? s : account(account).size((int) market);
  }

  /** The markets in which the account holds a position now (bit per market id). */
  long markets(long account) {
    Account a = account(account);
    long mask = 0;
    if (a != null) {
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        int m = Long.numberOfTrailingZeros(bits);
        if (a.size(m) != 0) {
          mask |= 1L << m;
        }
      }
    }
    for (Map.Entry<Long, Long> e : sizes.entrySet()) {
      if (e.getKey() >>> 8 == account) {
        long bit = 1L << (e.getKey() & 0xFF);
        mask = e.getValue() != 0 ? mask | bit : mask & ~bit;
      }
    }
    return mask;
  }

  /** Moves both positions of a trade by its fill. */
  void apply(Trade t) {
    for (OrderMessage o : List.of(t.maker().order(), t.taker().order())) {
      sizes.merge(key(o.accountIndex(), o.marketId()), signed(o, t.quantity()), Long::sum);
    }
  }
}
