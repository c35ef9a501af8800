package dev.sable.node.sequencing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.node.TestMarkets;
import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.market.MarketSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SequencerLoopTest {
  static final MarketSpec SPEC = TestMarkets.SPEC;

  /** A market, two funded accounts, a mark, a resting ask and a bid that crosses it. */
  static List<Command> tradingDay() {
    return List.of(
        new Command.ListMarket(SPEC),
        new Command.Deposit(1, 1_000_000, new AccountKey(0, 0, 0, 1)),
        new Command.Deposit(2, 1_000_000, new AccountKey(0, 0, 0, 2)),
        new Command.TimeTick(1_000),
        new Command.OraclePrice(0, 0, 1000, 1_000),
        Command.PlaceOrder.limit(1, 0, 10, Side.SELL, 1000, 30),
        Command.PlaceOrder.limit(1, 0, 11, Side.SELL, 1010, 40),
        Command.PlaceOrder.limit(2, 0, 20, Side.BUY, 1000, 20),
        new Command.CancelOrder(2, 99));
  }

  static List<JournalEntry> entries(List<Command> commands) {
    List<JournalEntry> out = new ArrayList<>();
    for (Command c : commands) {
      out.add(new JournalEntry(out.size() + 1, c, Provenance.NODE));
    }
    return out;
  }

  @Test
  void accountsSeeTheirOwnEventsAndTheMarketSeesTradesWithoutAccounts() throws Exception {
    List<Object[]> published = new CopyOnWriteArrayList<>();
    Publisher publisher =
        new Publisher() {
          @Override
          public void account(int account, AccountEvent event) {
            published.add(new Object[] {account, event});
          }

          @Override
          public void trade(int market, Trade trade) {
            published.add(new Object[] {-1, trade});
          }
        };
    MarketCatalog catalog = new MarketCatalog();
    AccountFeed feed = new AccountFeed(publisher);
    MarketData data = new MarketData(publisher, catalog);
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.addListener(feed);
      loop.addListener(data);
      loop.start();
      loop.enqueue(entries(tradingDay()));
      Views.Status status =
          loop.query(s -> StateQueries.status(s, loop.appliedSequence())).get(5, TimeUnit.SECONDS);
      assertThat(status.appliedSequence()).isEqualTo(9);
      assertThat(catalog.spec(0)).isEqualTo(SPEC);

      assertThat(loop.query(s -> feed.fills(2, 10)).get(5, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.side()).isEqualTo("buy");
                assertThat(f.liquidity()).isEqualTo("taker");
                assertThat(f.quantity()).isEqualTo(20);
                assertThat(f.fee()).isEqualTo(10); // ceil(20000 * 500 / 1e6)
              });
      assertThat(loop.query(s -> data.trades(0, 10)).get(5, TimeUnit.SECONDS))
          .containsExactly(new Trade(8, 0, 1000, 20, "buy", 1_000));
      Views.Depth depth = loop.query(s -> StateQueries.depth(s, 0, 10, 9)).get(5, TimeUnit.SECONDS);
      assertThat(depth.bids()).isEmpty();
      assertThat(depth.asks())
          .containsExactly(new Views.Level(1000, 10, 1), new Views.Level(1010, 40, 1));
      assertThat(loop.query(s -> StateQueries.openOrders(s, 1)).get(5, TimeUnit.SECONDS))
          .extracting(Views.OpenOrder::clientOrderId)
          .containsExactly(10L, 11L);
      assertThat(loop.query(s -> StateQueries.positions(s, 2)).get(5, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(p -> assertThat(p.size()).isEqualTo(20));
      Views.AccountSummary two =
          loop.query(s -> StateQueries.account(s, 2)).get(5, TimeUnit.SECONDS);
      assertThat(two.collateral()).isEqualTo(1_000_000 - 10);
    }
    assertThat(published)
        .anySatisfy(
            p -> {
              assertThat(p[0]).isEqualTo(2);
              assertThat(p[1]).isInstanceOf(AccountEvent.Rejected.class);
              assertThat(((AccountEvent.Rejected) p[1]).reason()).isEqualTo("unknown_order");
            });
    for (Object[] p : published) {
      if (p[1] instanceof AccountEvent.Filled f) {
        assertThat(p[0]).isEqualTo(f.liquidity().equals("taker") ? 2 : 1);
      }
    }
  }

  @Test
  void onceRunningOnlyTheSequencersThreadAppliesCommands() {
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.start();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> loop.replay(entries(tradingDay()).get(0)))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aReplayReachesTheSameStateHashAsTheLiveLoop() throws Exception {
    String live;
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.start();
      loop.enqueue(entries(tradingDay()));
      live = loop.query(s -> StateQueries.status(s, 0).stateHash()).get(5, TimeUnit.SECONDS);
    }
    try (SequencerLoop replayed = new SequencerLoop()) {
      entries(tradingDay()).forEach(replayed::replay);
      replayed.start();
      assertThat(
              replayed.query(s -> StateQueries.status(s, 0).stateHash()).get(5, TimeUnit.SECONDS))
          .isEqualTo(live);
    }
  }
}
