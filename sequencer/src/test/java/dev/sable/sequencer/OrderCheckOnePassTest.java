package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The order check of a cross-margin account sums equity, exposure and the initial requirement in
 * one pass over its markets. Its decisions must be those of the separate passes: the property
 * compares them along random command streams (ExtremeCommandsPropertyTest does on streams that
 * reach the bounds, where the one pass hands over to the exact path).
 */
class OrderCheckOnePassTest {
  /**
   * After every command of a random stream (fills with fees and rebates, deposits, withdrawals,
   * marks, funding, sweeps, settlements), every account's probe orders in every market are decided
   * the same by the one pass and by the separate passes.
   */
  @Property(tries = 20)
  void theOnePassDecidesEveryOrderAsTheSeparatePasses(@ForAll long seed) {
    TestExchange x = new TestExchange();
    RandomCommands commands = new RandomCommands(seed, 3, 10, true, x.seq.state());
    for (int i = 0; i < 1_000; i++) {
      x.apply(commands.next());
      probeAll(x.seq.state(), x.seq.margin(), RandomCommands.LOT);
    }
  }

  /**
   * For every account and market: buys and sells, new and amend-shaped (replacing a lot, worse
   * price), at the mark and a tick off it, at quantities around the account's free-margin edge
   * (below, at and above it) and at the position bound.
   */
  static void probeAll(ExchangeState state, Margin margin, long lot) {
    for (int id = 1; id < state.accountBound(); id++) {
      Account a = state.account(id);
      if (a == null) {
        continue;
      }
      for (Market m : state.markets()) {
        long mark = m.mark();
        if (mark <= 1) {
          continue;
        }
        long free = margin.free(a, margin.initialRequirement(a));
        long ppm = Math.max(1, m.spec().initialMarginPpm());
        long perUnit = mark <= Long.MAX_VALUE / ppm ? Math.ceilDiv(mark * ppm, 1_000_000) : mark;
        long edge = free / Math.max(1, perUnit);
        long max = m.spec().maxPosition();
        for (long q : new long[] {edge - lot, edge, edge + lot, edge + 2 * lot, max, max + lot}) {
          long quantity = Math.clamp(q, 1, max + lot);
          for (long price : new long[] {mark, mark + 1, mark - 1}) {
            for (boolean buy : new boolean[] {true, false}) {
              for (long replaced : new long[] {0, lot}) {
                long p = price;
                long q2 = quantity;
                long r = replaced;
                boolean b = buy;
                assertThat(decision(() -> margin.checkOrder(a, m, b, p, q2, r, true)))
                    .as("account %d market %d %s %d at %d", a.id(), m.id(), buy, quantity, price)
                    .isEqualTo(
                        decision(() -> margin.checkOrderInSeparatePasses(a, m, b, p, q2, r, true)));
              }
            }
          }
        }
      }
    }
  }

  /** The reason (null: accepted), or the exception's class if the check throws. */
  private static Object decision(Supplier<RejectReason> check) {
    try {
      return check.get();
    } catch (ArithmeticException e) {
      return e.getClass();
    }
  }
}
