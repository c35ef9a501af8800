package dev.sable.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark measures the workloads docs/sequencer.md describes: their shapes and outcomes. */
class MatchingWorkloadTest {

  private record Replay(Sequencer sequencer, Map<Class<?>, Integer> events, int commands) {
    int count(Class<?> type) {
      return events.getOrDefault(type, 0);
    }
  }

  private static Replay replay(MatchingWorkload w) {
    Map<Class<?>, Integer> counts = new HashMap<>();
    Sequencer s =
        new Sequencer(ArrayOrderBook::new, e -> counts.merge(e.getClass(), 1, Integer::sum), false);
    w.setup().forEach(s::apply);
    counts.clear();
    for (Command c : w.commands()) {
      s.apply(c);
    }
    return new Replay(s, counts, w.commands().length);
  }

  private static int restingOrders(Sequencer s) {
    return s.state().markets().stream().mapToInt(m -> m.book().size()).sum();
  }

  private static int levels(OrderBook book) {
    Set<Long> prices = new HashSet<>();
    for (boolean buy : new boolean[] {true, false}) {
      for (long id = book.best(buy); id != OrderBook.NONE; id = book.next(id)) {
        prices.add(book.price(id));
      }
    }
    return prices.size();
  }

  @Test
  void singleMarketWorkloadIsMostlyAmendsOnAThousandOrderBook() {
    MatchingWorkload w = MatchingWorkload.named("single", 100_000);
    Map<Class<?>, Integer> kinds = new HashMap<>();
    for (Command c : w.commands()) {
      kinds.merge(c.getClass(), 1, Integer::sum);
    }
    assertThat(kinds.get(Command.AmendOrder.class)).isBetween(81_000, 83_000);
    assertThat(kinds.get(Command.CancelOrder.class)).isBetween(5_500, 6_500);

    Replay r = replay(w);
    assertThat(r.count(Event.Rejected.class)).as("rejections").isLessThan(r.commands() / 1_000);
    assertThat(r.count(Event.OrderAmended.class)).isEqualTo(kinds.get(Command.AmendOrder.class));
    assertThat(r.count(Event.Fill.class)).isGreaterThan(2_000);
    // Places and removals balance, so the book's size walks around its start of 1,000.
    assertThat(restingOrders(r.sequencer())).isBetween(600, 1_400);
    assertThat(levels(r.sequencer().state().market(0).book())).as("levels").isBetween(500, 900);
  }

  @Test
  void tenMarketWorkloadKeepsAHundredThousandOrders() {
    MatchingWorkload w = MatchingWorkload.named("multi", 100_000);
    Replay r = replay(w);
    assertThat(r.sequencer().state().markets()).hasSize(10);
    assertThat(r.sequencer().state().accountBound()).isEqualTo(10_001);
    assertThat(r.count(Event.Rejected.class)).as("rejections").isLessThan(r.commands() / 1_000);
    assertThat(r.count(Event.Fill.class)).isGreaterThan(10_000);
    assertThat(restingOrders(r.sequencer())).isBetween(90_000, 110_000);
  }

  @Test
  void deepWorkloadIsTheSingleMixOnFortyThousandOrders() {
    MatchingWorkload w = MatchingWorkload.named("deep", 100_000);
    Replay r = replay(w);
    assertThat(r.count(Event.Rejected.class)).as("rejections").isLessThan(r.commands() / 1_000);
    assertThat(r.count(Event.OrderAmended.class)).isBetween(81_000, 83_000);
    assertThat(restingOrders(r.sequencer())).isBetween(38_000, 42_000);
    assertThat(levels(r.sequencer().state().market(0).book()))
        .as("levels")
        .isBetween(7_000, 10_000);
  }

  /**
   * A quarter of the commands cross: about half a fill per command on a book held near 1,300
   * orders, and no taker ever meets its own order (exchange-core's book, which replays the same
   * stream, has no self-trade prevention).
   */
  @Test
  void aggressiveWorkloadCrossesOftenWithoutSelfTrades() {
    MatchingWorkload w = MatchingWorkload.named("aggressive", 100_000);
    Replay r = replay(w);
    assertThat(r.count(Event.Rejected.class)).as("rejections").isZero();
    assertThat(r.count(Event.Fill.class)).isBetween(40_000, 60_000);
    assertThat(restingOrders(r.sequencer())).isBetween(1_100, 1_500);
    assertThat(r.count(Event.OrderCancelled.class))
        .as("cancels are the workload's own, none by self-trade prevention or IOC remainders")
        .isEqualTo(count(w, Command.CancelOrder.class));
  }

  private static int count(MatchingWorkload w, Class<?> type) {
    int n = 0;
    for (Command c : w.commands()) {
      n += type.isInstance(c) ? 1 : 0;
    }
    return n;
  }
}
