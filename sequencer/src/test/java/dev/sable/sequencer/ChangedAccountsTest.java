package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.CommandEffects;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.engine.StateHashFeed;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The state hash records a copy of each account a command changed (docs/sequencer.md, "State
 * hash"), so its coverage rests on the changed-account set being exactly the accounts whose hashed
 * numbers changed: one left out would let two engines diverge in it unseen, one put in for nothing
 * (an amend that only moves its order) costs a record of it for nothing. And of each changed
 * account the recorder copies only the numbers marked changed, so every write must mark.
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

  /**
   * The recorder copies only the numbers an account's change marks name (docs/sequencer.md, "State
   * hash"), so the hash's coverage rests on every write of a hashed number marking it: over 30,000
   * random commands, each command's recorded words are read back by the documented layout and every
   * number that changed is among them with its new value (a write that skipped its mark would leave
   * a change out), and every number recorded holds its value after the command.
   */
  @Test
  void everyChangedNumberIsRecordedWithItsNewValue() {
    CommandEffects[] run = new CommandEffects[1];
    StateHashFeed keepLast =
        new StateHashFeed() {
          @Override
          public void accept(CommandEffects effects) {
            run[0] = effects;
          }

          @Override
          public byte[] hash() {
            return new byte[32];
          }

          @Override
          public CommandEffects spare() {
            return run[0]; // read before the next command writes into it again
          }
        };
    Sequencer seq = new Sequencer(ArrayOrderBook::new, EventSink.DISCARD, keepLast);
    RandomCommands commands = new RandomCommands(5, 4, 50, true, seq.state());
    long changedNumbers = 0;
    long recordedNumbers = 0;
    for (int i = 0; i < 30_000; i++) {
      Command c = commands.next();
      long[][] before = allNumbers(seq.state());
      seq.apply(c);
      long[][] after = allNumbers(seq.state());
      seq.stateHash(); // hands this command over as a run of its own
      Map<Integer, Map<Integer, Long>> recorded = recordedNumbers(run[0]);
      for (int id = 0; id < after.length; id++) {
        Map<Integer, Long> got = recorded.getOrDefault(id, Map.of());
        for (int n = 0; n < after[id].length; n++) {
          long was = id < before.length && before[id] != null ? before[id][n] : 0;
          if (was != after[id][n]) {
            changedNumbers++;
            assertThat(got.get(n))
                .as("command %d: %s, account %d number %d", i, c, id, n)
                .isEqualTo(after[id][n]);
          }
        }
        for (Map.Entry<Integer, Long> e : got.entrySet()) {
          recordedNumbers++;
          assertThat(e.getValue())
              .as("command %d, account %d number %d", i, id, e.getKey())
              .isEqualTo(after[id][e.getKey()]);
        }
      }
    }
    assertThat(changedNumbers).isPositive();
    assertThat(recordedNumbers).isGreaterThanOrEqualTo(changedNumbers);
  }

  /**
   * Each account's hashed numbers by index: 0 collateral, 1 nonce, 2 the active-market mask, {@code
   * 3 + 5m + f} market m's field f (size, cost, funding index, open buy, open sell).
   */
  private static long[][] allNumbers(ExchangeState state) {
    long[][] all = new long[state.accountBound()][];
    for (int id = 0; id < all.length; id++) {
      Account a = state.account(id);
      if (a != null) {
        long[] n = new long[3 + 5 * ExchangeState.MAX_MARKETS];
        n[0] = a.collateral();
        n[1] = a.nonce();
        n[2] = a.activeMarkets();
        for (int m = 0; m < ExchangeState.MAX_MARKETS; m++) {
          n[3 + 5 * m] = a.size(m);
          n[4 + 5 * m] = a.cost(m);
          n[5 + 5 * m] = a.fundingIndex(m);
          n[6 + 5 * m] = a.openBuy(m);
          n[7 + 5 * m] = a.openSell(m);
        }
        all[id] = n;
      }
    }
    return all;
  }

  /**
   * One command's recorded accounts read back by the layout docs/sequencer.md states: the header's
   * account count (bits 3-31), then per account a word of its marks (bits 32-39) and id, the
   * collateral, nonce and mask as marked, then if a per-market field is marked the markets' mask
   * and each marked field of each market. Numbered as {@link #allNumbers}.
   */
  private static Map<Integer, Map<Integer, Long>> recordedNumbers(CommandEffects effects) {
    assertThat(effects.commands()).isOne();
    long[] w = effects.words();
    int at = 0;
    int accounts = (int) w[at++] >>> 3;
    Map<Integer, Map<Integer, Long>> out = new TreeMap<>();
    for (int k = 0; k < accounts; k++) {
      int marks = (int) (w[at] >>> 32);
      int id = (int) w[at++];
      Map<Integer, Long> numbers = new TreeMap<>();
      for (int n = 0; n < 3; n++) {
        if ((marks & 1 << n) != 0) {
          numbers.put(n, w[at++]);
        }
      }
      if (marks >>> 3 != 0) {
        long markets = w[at++];
        for (int m = 0; m < ExchangeState.MAX_MARKETS; m++) {
          for (int f = 0; f < 5 && (markets & 1L << m) != 0; f++) {
            if ((marks & 1 << (3 + f)) != 0) {
              numbers.put(3 + 5 * m + f, w[at++]);
            }
          }
        }
      }
      assertThat(out.put(id, numbers)).as("account %d recorded once", id).isNull();
    }
    return out;
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
