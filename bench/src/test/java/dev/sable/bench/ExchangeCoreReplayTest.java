package dev.sable.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import exchange.core2.core.common.L2MarketData;
import exchange.core2.core.orderbook.IOrderBook;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The side-by-side comparison is fair only if both books do the same work: after a whole stream,
 * Sable's book and exchange-core's hold the same price levels with the same quantities.
 */
class ExchangeCoreReplayTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"single", "aggressive", "deep"})
  void bothBooksEndTheStreamWithTheSameLevels(String mix) {
    MatchingWorkload w = MatchingWorkload.named(mix, 60_000);
    Sequencer sable = w.start();
    for (Command c : w.commands()) {
      sable.apply(c);
    }
    ExchangeCoreReplay peer = ExchangeCoreReplay.of(w);
    IOrderBook book = peer.start();
    peer.applyAll(book);

    L2MarketData l2 = book.getL2MarketDataSnapshot(Integer.MAX_VALUE);
    OrderBook ours = sable.state().market(0).book();
    assertThat(levels(ours, true)).isEqualTo(levels(l2.bidPrices, l2.bidVolumes));
    assertThat(levels(ours, false)).isEqualTo(levels(l2.askPrices, l2.askVolumes));
    assertThat(levels(ours, true)).isNotEmpty();
  }

  @Test
  void commandsWithoutATwinAreRefusedByName() {
    MatchingWorkload fok =
        new MatchingWorkload(
            List.of(),
            new Command[] {
              Command.PlaceOrder.limit(1, 0, 1, Side.BUY, 100, 1).withType(OrderType.FOK)
            });
    assertThatThrownBy(() -> ExchangeCoreReplay.of(fok))
        .hasMessageContaining("no exchange-core twin");
    MatchingWorkload otherMarket =
        new MatchingWorkload(
            List.of(), new Command[] {Command.PlaceOrder.limit(1, 3, 1, Side.BUY, 100, 1)});
    assertThatThrownBy(() -> ExchangeCoreReplay.of(otherMarket)).hasMessageContaining("one market");
    MatchingWorkload unknown =
        new MatchingWorkload(List.of(), new Command[] {new Command.CancelOrder(1, 7)});
    assertThatThrownBy(() -> ExchangeCoreReplay.of(unknown)).hasMessageContaining("never placed");
  }

  /** "price x total quantity" per level, best first. */
  private static List<String> levels(OrderBook book, boolean buy) {
    TreeMap<Long, Long> byPrice = new TreeMap<>();
    for (long id = book.best(buy); id != OrderBook.NONE; id = book.next(id)) {
      byPrice.merge(book.price(id), book.quantity(id), Long::sum);
    }
    List<String> out = new ArrayList<>();
    (buy ? byPrice.descendingMap() : byPrice).forEach((p, q) -> out.add(p + " x " + q));
    return out;
  }

  private static List<String> levels(long[] prices, long[] volumes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      out.add(prices[i] + " x " + volumes[i]);
    }
    return out;
  }
}
