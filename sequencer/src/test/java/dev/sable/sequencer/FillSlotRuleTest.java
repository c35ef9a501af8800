package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.codec.SnapshotCodec;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fill-slot rule against a plain model built from the events alone (each slot's newest client
 * id seen in a fill, as taker or maker): ids that count up, jump ahead by more than the slots (and,
 * halfway, by more than {@code FilledIds}' bytes hold), or reuse old ones, with cancels. Attack: a
 * filled id forgotten (an order reusing it is accepted) or an id kept too long or in the wrong slot
 * (a fresh id refused), before and after a snapshot.
 */
class FillSlotRuleTest {
  private static final int ACCOUNTS = 3;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void eachSlotRefusesExactlyTheIdsUpToItsNewestFill(long seed) {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(1_000);
    for (int a = 1; a <= ACCOUNTS; a++) {
      x.deposit(a, 1_000_000_000L);
    }
    Random random = new Random(seed);
    Map<Long, long[]> owners = new HashMap<>(); // order id -> {account, client id}
    long[][] model = new long[ACCOUNTS + 1][Account.FILL_SLOTS];
    for (long[] slots : model) {
      Arrays.fill(slots, -1);
    }
    long[] next = new long[ACCOUNTS + 1];
    int refused = 0;
    for (int step = 0; step < 4_000; step++) {
      if (step == 2_000) {
        // Past the 255 epochs (of 1,024 ids) one byte per slot holds: the filled ids widen.
        for (int b = 1; b <= ACCOUNTS; b++) {
          next[b] += 300L * Account.FILL_SLOTS;
        }
      }
      int a = 1 + random.nextInt(ACCOUNTS);
      long[] resting = x.account(a).clientOrderIds();
      if (random.nextInt(8) == 0 && resting.length > 0) {
        x.apply(new Command.CancelOrder(a, resting[random.nextInt(resting.length)]));
        continue;
      }
      long id =
          switch (random.nextInt(10)) {
            case 0, 1 -> random.nextLong(next[a] + 1);
            case 2 -> next[a] += 1 + random.nextInt(3 * Account.FILL_SLOTS);
            default -> ++next[a];
          };
      int slot = Account.fillSlot(id);
      boolean busy = x.account(a).slotBusy(slot);
      List<Event> events =
          x.limit(
              a,
              m,
              id,
              random.nextBoolean() ? BUY : SELL,
              990 + random.nextInt(21),
              1 + random.nextInt(5));
      if (!busy) {
        boolean used = TestExchange.reason(events) == RejectReason.CLIENT_ORDER_ID_USED;
        assertThat(used)
            .as("step %d: id %d of account %d", step, id, a)
            .isEqualTo(id <= model[a][slot]);
        refused += used ? 1 : 0;
      }
      for (Event e : events) {
        if (e instanceof Event.OrderAccepted o) {
          owners.put(o.orderId(), new long[] {o.account(), o.clientOrderId()});
        } else if (e instanceof Event.Fill f) {
          record(model, owners.get(f.takerOrderId()));
          record(model, owners.get(f.makerOrderId()));
        }
      }
    }
    assertThat(refused).as("the stream reuses filled ids").isGreaterThan(50);
    assertSlots(model, x::account);
    Sequencer restored =
        Sequencer.restore(
            SnapshotCodec.decode(SnapshotCodec.encode(x.seq.image())),
            x.seq.stateHash(),
            ArrayOrderBook::new,
            e -> {});
    assertSlots(model, restored.state()::account);
  }

  private static void record(long[][] model, long[] owner) {
    model[(int) owner[0]][Account.fillSlot(owner[1])] = owner[1];
  }

  private static void assertSlots(long[][] model, IntFunction<Account> accounts) {
    for (int a = 1; a <= ACCOUNTS; a++) {
      long[] actual = new long[Account.FILL_SLOTS];
      for (int slot = 0; slot < actual.length; slot++) {
        actual[slot] = accounts.apply(a).lastFilled(slot);
      }
      assertThat(actual).as("account %d", a).containsExactly(model[a]);
    }
  }
}
