package dev.sable.sequencer.optionmarket;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.Greeks;
import dev.sable.sequencer.options.TimeToExpiry;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Greeks of positions at the current state (docs/options.md "Options in the node's API"): for
 * an option the model's sensitivities at the inputs its mark uses (the underlying's mark, the
 * option's volatility, the time left), for a perpetual its size as delta. For display only: no
 * requirement or payment depends on them.
 */
public final class PositionGreeks {
  private PositionGreeks() {}

  /**
   * The Greeks of {@code size} units of market {@code market}, or null when an option has no model
   * input yet (no underlying mark or no volatility record: it has no mark either). A stale input
   * still gives Greeks, as it gives the (then invalid) mark.
   */
  public static Greeks of(ExchangeState state, int market, long size) {
    Market m = state.market(market);
    if (!m.isOption()) {
      return Greeks.perpetual(size);
    }
    long forward = state.market(m.option().underlyingMarket()).mark();
    if (forward == 0 || m.volatility() == 0) {
      return null;
    }
    long now = state.now();
    TimeToExpiry t =
        now < m.option().expiry()
            ? TimeToExpiry.between(now, m.option().expiry(), OptionMarks.TIME)
            : TimeToExpiry.EXPIRED;
    var point = Black76.point(forward, m.option().strike(), m.volatility(), t);
    return Greeks.option(
        m.option().kind(), m.option().contractSize(), size, point, t, OptionMarks.TIME);
  }

  /**
   * The account's Greeks summed per underlying (the perpetual market id), ascending. Every held
   * option has Greeks: a fill needs a valid mark, and a published input never returns to 0.
   */
  public static SortedMap<Integer, Greeks> byUnderlying(ExchangeState state, Account a) {
    TreeMap<Integer, Greeks> sums = new TreeMap<>();
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      int m = Long.numberOfTrailingZeros(bits);
      long size = a.size(m);
      if (size != 0) {
        Market market = state.market(m);
        int underlying = market.isOption() ? market.option().underlyingMarket() : m;
        sums.merge(underlying, of(state, m, size), Greeks::plus);
      }
    }
    return sums;
  }
}
