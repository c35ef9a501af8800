package dev.sable.node.sequencing;

import dev.sable.node.intake.MarketCatalog;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.SnapshotSection;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.MarketSpec;
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

  private static final int TRADE_BYTES = 4 * 8 + 4;

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
          catalog.listed(
              l.market(),
              switch (entry.command()) {
                case Command.ListOption o -> o.spec();
                default -> ((Command.ListMarket) entry.command()).spec();
              });
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

  /**
   * The kept trades as a snapshot section: per listed market, count (4), then each trade oldest
   * first: sequence, price, quantity, taker side (4: 0 buy, 1 sell), time. On the thread that
   * applies commands.
   */
  public byte[] snapshot() {
    SnapshotSection.Writer out = new SnapshotSection.Writer();
    out.putInt(trades.size());
    for (Deque<Trade> kept : trades) {
      out.putInt(kept.size());
      for (Trade t : kept) {
        out.putLong(t.sequence()).putLong(t.price()).putLong(t.quantity());
        out.putInt(t.takerSide().equals("sell") ? 1 : 0).putLong(t.time());
      }
    }
    return out.toByteArray();
  }

  /**
   * Restores a section {@link #snapshot} wrote, with the markets listed at the snapshot (their
   * specs, by id, for the catalog), before any command is applied.
   */
  public void restore(byte[] section, List<MarketSpec> listed) {
    SnapshotSection.Reader in = new SnapshotSection.Reader("trades", section);
    if (in.getInt() != listed.size()) {
      throw new JournalException("snapshot section trades does not match the listed markets");
    }
    for (int m = 0; m < listed.size(); m++) {
      catalog.listed(m, listed.get(m));
      int n = in.count(TRADE_BYTES);
      Deque<Trade> kept = new ArrayDeque<>();
      for (int i = 0; i < n; i++) {
        long seq = in.getLong();
        long price = in.getLong();
        long quantity = in.getLong();
        String side = in.getInt() == 1 ? "sell" : "buy";
        kept.addLast(new Trade(seq, m, price, quantity, side, in.getLong()));
      }
      trades.add(kept);
    }
    in.end();
  }

  /** The markets whose book changed since the last call, and forgets them. */
  public BitSet takeChangedBooks() {
    BitSet changed = (BitSet) bookChanged.clone();
    bookChanged.clear();
    return changed;
  }
}
