package dev.sable.node.sequencing;

import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.SnapshotSection;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the sequencer's events into per-account events, publishes them to their account's channel,
 * and keeps each account's most recent fills for the REST API. Runs on the sequencer's thread.
 */
public final class AccountFeed implements CommandListener {
  /** Fills kept per account. */
  public static final int FILLS_KEPT = 500;

  private static final int FILL_BYTES = 8 + 4 + 8 + 4 + 4 * 8;

  private final Publisher publisher;
  private final Map<Integer, Deque<AccountEvent.Filled>> fills = new HashMap<>();

  public AccountFeed(Publisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    long seq = entry.sequence();
    for (Event e : events) {
      switch (e) {
        case Event.Rejected r -> rejected(seq, entry.command(), r);
        case Event.OrderAccepted a ->
            publish(
                a.account(),
                new AccountEvent.Accepted(
                    seq,
                    a.market(),
                    a.clientOrderId(),
                    a.orderId(),
                    name(a.side()),
                    a.price(),
                    a.quantity()));
        case Event.OrderAmended a ->
            publish(
                a.account(),
                new AccountEvent.Amended(
                    seq, a.orderId(), a.price(), a.quantity(), a.keptPriority()));
        case Event.OrderCancelled c ->
            publish(
                c.account(),
                new AccountEvent.Cancelled(
                    seq,
                    c.market(),
                    c.orderId(),
                    c.clientOrderId(),
                    c.remaining(),
                    name(c.reason())));
        case Event.Fill f -> fill(seq, f);
        case Event.Deposited d -> publish(d.account(), new AccountEvent.Deposited(seq, d.amount()));
        case Event.Withdrawn w -> publish(w.account(), new AccountEvent.Withdrawn(seq, w.amount()));
        case Event.FundingPaid p ->
            publish(p.account(), new AccountEvent.FundingPaid(seq, p.market(), p.amount()));
        case Event.Liquidated l ->
            publish(
                l.account(),
                new AccountEvent.Liquidated(seq, l.equity(), l.maintenanceRequirement()));
        default -> {}
      }
    }
  }

  /** The account's most recent fills, newest first (sequencer thread). */
  public List<AccountEvent.Filled> fills(int account, int limit) {
    Deque<AccountEvent.Filled> d = fills.get(account);
    if (d == null) {
      return List.of();
    }
    List<AccountEvent.Filled> out = new ArrayList<>(Math.min(limit, d.size()));
    for (var it = d.descendingIterator(); it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    return out;
  }

  /**
   * The kept fills as a snapshot section, by ascending account: account (4), count (4), then each
   * fill oldest first: sequence, market (4), order id, side and liquidity (4: bit 0 sell, bit 1
   * taker), price, quantity, fee, realized. On the thread that applies commands.
   */
  public byte[] snapshot() {
    SnapshotSection.Writer out = new SnapshotSection.Writer();
    out.putInt(fills.size());
    new TreeMap<>(fills)
        .forEach(
            (account, kept) -> {
              out.putInt(account).putInt(kept.size());
              for (AccountEvent.Filled f : kept) {
                int roles =
                    (f.side().equals("sell") ? 1 : 0) | (f.liquidity().equals("taker") ? 2 : 0);
                out.putLong(f.sequence()).putInt(f.market()).putLong(f.orderId()).putInt(roles);
                out.putLong(f.price()).putLong(f.quantity()).putLong(f.fee()).putLong(f.realized());
              }
            });
    return out.toByteArray();
  }

  /** Restores a section {@link #snapshot} wrote, before any command is applied. */
  public void restore(byte[] section) {
    SnapshotSection.Reader in = new SnapshotSection.Reader("fills", section);
    int accounts = in.count(8);
    for (int a = 0; a < accounts; a++) {
      int account = in.getInt();
      int n = in.count(FILL_BYTES);
      Deque<AccountEvent.Filled> kept = new ArrayDeque<>();
      for (int i = 0; i < n; i++) {
        long seq = in.getLong();
        int market = in.getInt();
        long orderId = in.getLong();
        int roles = in.getInt();
        kept.addLast(
            new AccountEvent.Filled(
                seq,
                market,
                orderId,
                (roles & 1) != 0 ? "sell" : "buy",
                (roles & 2) != 0 ? "taker" : "maker",
                in.getLong(),
                in.getLong(),
                in.getLong(),
                in.getLong()));
      }
      fills.put(account, kept);
    }
    in.end();
  }

  private void rejected(long seq, Command command, Event.Rejected r) {
    String reason = name(r.reason());
    switch (command) {
      case Command.PlaceOrder o ->
          publish(o.account(), new AccountEvent.Rejected(seq, "order", o.clientOrderId(), reason));
      case Command.CancelOrder c ->
          publish(c.account(), new AccountEvent.Rejected(seq, "cancel", c.clientOrderId(), reason));
      case Command.AmendOrder a ->
          publish(a.account(), new AccountEvent.Rejected(seq, "amend", a.clientOrderId(), reason));
      case Command.Deposit d ->
          publish(d.account(), new AccountEvent.Rejected(seq, "deposit", 0, reason));
      case Command.Withdraw w ->
          publish(w.account(), new AccountEvent.Rejected(seq, "withdraw", 0, reason));
      default -> {}
    }
  }

  private void fill(long seq, Event.Fill f) {
    String takerSide = name(f.takerSide());
    String makerSide = f.takerSide().isBuy() ? "sell" : "buy";
    record(
        f.taker(),
        new AccountEvent.Filled(
            seq,
            f.market(),
            f.takerOrderId(),
            takerSide,
            "taker",
            f.price(),
            f.quantity(),
            f.takerFee(),
            f.takerRealized()));
    record(
        f.maker(),
        new AccountEvent.Filled(
            seq,
            f.market(),
            f.makerOrderId(),
            makerSide,
            "maker",
            f.price(),
            f.quantity(),
            f.makerFee(),
            f.makerRealized()));
  }

  private void record(int account, AccountEvent.Filled f) {
    Deque<AccountEvent.Filled> d = fills.computeIfAbsent(account, a -> new ArrayDeque<>());
    if (d.size() == FILLS_KEPT) {
      d.removeFirst();
    }
    d.addLast(f);
    publish(account, f);
  }

  private void publish(int account, AccountEvent e) {
    publisher.account(account, e);
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
