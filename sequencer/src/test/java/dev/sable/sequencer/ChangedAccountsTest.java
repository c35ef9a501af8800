package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The state hash records a copy of each account a command changed (docs/sequencer.md, "State
 * hash"), so its coverage rests on the changed-account set being exactly the accounts whose hashed
 * numbers changed: one left out would let two engines diverge in it unseen, one put in for nothing
 * (an amend that only moves its order) costs a copy of nine words or more per command.
 */
class ChangedAccountsTest {

  @Test
  void theChangedAccountsAreExactlyThoseWhoseHashedNumbersChanged() {
    List<Event> events = new ArrayList<>();
    Sequencer seq = new Sequencer(ArrayOrderBook::new, events::add, false);
    RandomCommands commands = new RandomCommands(5, 4, 50, true, seq.state());
    int unchanged = 0;
    for (int i = 0; i < 30_000; i++) {
      Command c = commands.next();
      long[][] before = numbers(seq.state());
      events.clear();
      seq.apply(c);
      long[][] after = numbers(seq.state());
      TreeSet<Integer> differ = new TreeSet<>();
      for (int id = 0; id < after.length; id++) {
        if (!Arrays.equals(id < before.length ? before[id] : null, after[id])) {
          differ.add(id);
        }
      }
      TreeSet<Integer> changed = new TreeSet<>();
      for (int k = 0; k < seq.changedAccountCount(); k++) {
        changed.add(seq.changedAccount(k));
      }
      assertThat(changed).as("command %d: %s, events %s", i, c, events).isEqualTo(differ);
      if (changed.isEmpty() && events.stream().anyMatch(e -> e instanceof Event.OrderAccepted)) {
        unchanged++; // an order accepted that neither rested nor filled: its account is as before
      }
    }
    assertThat(unchanged).as("accepted orders that changed no account").isPositive();
  }

  @Test
  void anAmendThatOnlyMovesItsOrderChangesNoAccount() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(1_000);
    x.deposit(1, 1_000_000);
    x.limit(1, m, 1, Side.BUY, 990, 10);
    assertThat(x.seq.changedAccountCount()).as("resting changes the open quantity").isOne();

    List<Event> moved = x.apply(TestExchange.amendOf(1, 1, 995, 10));
    assertThat(moved).singleElement().isInstanceOf(Event.OrderAmended.class);
    assertThat(x.seq.changedAccountCount()).as("a move alone").isZero();

    x.apply(TestExchange.amendOf(1, 1 + Account.FILL_SLOTS, 996, 12));
    assertThat(x.seq.changedAccountCount()).as("a move with a new quantity").isOne();
    assertThat(x.seq.changedAccount(0)).isEqualTo(1);
    assertThat(x.account(1).openBuy(m)).isEqualTo(12);
  }

  /** Each account's hashed numbers (id, collateral, nonce, active markets, their five values). */
  private static long[][] numbers(ExchangeState state) {
    long[][] all = new long[state.accountBound()][];
    for (int id = 0; id < all.length; id++) {
      Account a = state.account(id);
      if (a != null) {
        long[] w = new long[4 + 5 * ExchangeState.MAX_MARKETS];
        w[0] = a.id();
        w[1] = a.collateral();
        w[2] = a.nonce();
        w[3] = a.activeMarkets();
        all[id] = Arrays.copyOf(w, a.copyActiveMarkets(w, 4));
      }
    }
    return all;
  }
}
