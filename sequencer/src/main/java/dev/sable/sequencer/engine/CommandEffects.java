package dev.sable.sequencer.engine;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.event.Event;
import java.util.List;

/**
 * What one command did, as the state hash reads it (docs/sequencer.md, "State hash"): its events, a
 * copy of each account it changed, in order of first change, and the pools and time after it. A
 * sequencer makes a fresh one per command and never touches it again, so it can be hashed later, on
 * another thread.
 *
 * @param accounts {@code accountCount} accounts one after another, each as its id, collateral and
 *     active-market mask, then the size, cost, funding index, open buy and open sell of each active
 *     market in ascending market id
 */
public record CommandEffects(
    List<Event> events,
    long[] accounts,
    int accountCount,
    long feePool,
    long fundingPool,
    long now) {

  /** The effects of the command just applied to {@code state}, which emitted {@code events}. */
  static CommandEffects of(List<Event> events, ExchangeState state) {
    int n = state.changedAccountCount();
    int words = 0;
    for (int i = 0; i < n; i++) {
      words += accountWords(state.account(state.changedAccount(i)).activeMarkets());
    }
    long[] accounts = new long[words];
    for (int i = 0, w = 0; i < n; i++) {
      Account a = state.account(state.changedAccount(i));
      accounts[w++] = a.id();
      accounts[w++] = a.collateral();
      accounts[w++] = a.activeMarkets();
      for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
        int m = Long.numberOfTrailingZeros(bits);
        accounts[w++] = a.size(m);
        accounts[w++] = a.cost(m);
        accounts[w++] = a.fundingIndex(m);
        accounts[w++] = a.openBuy(m);
        accounts[w++] = a.openSell(m);
      }
    }
    return new CommandEffects(
        events, accounts, n, state.feePool(), state.fundingPool(), state.now());
  }

  /** Words of one account in {@link #accounts}: 3, plus 5 per active market. */
  static int accountWords(long activeMarkets) {
    return 3 + 5 * Long.bitCount(activeMarkets);
  }
}
