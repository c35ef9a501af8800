package dev.sable.node.sequencing;

import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Public market data kept on the sequencer's thread: each market's recent trades (without
 * accounts), which markets' books changed since the depth was last published, and the market
 * catalog intake checks orders against.
 */
public final class MarketData implements CommandListener {
  public static final int TRADES_KEPT = 200;

  private final Publisher publisher;
  private final MarketCatalog catalog;
  private final List<Deque<Trade>> trades = new ArrayList<>();
  private final BitSet bookChanged = new BitSet();

  public MarketData(Publisher publisher, MarketCatalog catalog) {
    this.publisher = publisher;
    this.catalog = catalog;
  }

  @Override
  public void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    for (Event e : events) {
      switch (e) {
        case Event.MarketListed l -> {
          trades.add(new ArrayDeque<>());
          catalog.listed(l.market(), ((Command.ListMarket) entry.command()).spec());
        }
        case Event.Fill f -> {
          Trade t =
              new Trade(
                  entry.sequence(),
                  f.market(),
                  f.price(),
                  f.quantity(),
                  AccountFeed.name(f.takerSide()),
                  sequencer.state().now());
          Deque<Trade> d = trades.get(f.market());
          if (d.size() == TRADES_KEPT) {
            d.removeFirst();
          }
          d.addLast(t);
          bookChanged.set(f.market());
          publisher.trade(f.market(), t);
        }
        case Event.OrderAccepted a -> bookChanged.set(a.market());
        case Event.OrderCancelled c -> bookChanged.set(c.market());
        case Event.OrderAmended a -> bookChanged.set(ExchangeState.marketOf(a.orderId()));
        default -> {}
      }
    }
  }

  /** A market's recent trades, newest first. */
  public List<Trade> trades(int market, int limit) {
    if (market < 0 || market >= trades.size()) {
      return List.of();
    }
    List<Trade> out = new ArrayList<>();
    for (var it = trades.get(market).descendingIterator(); it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    return out;
  }

  /** The markets whose book changed since the last call, and forgets them. */
  public BitSet takeChangedBooks() {
    BitSet changed = (BitSet) bookChanged.clone();
    bookChanged.clear();
    return changed;
  }
}
