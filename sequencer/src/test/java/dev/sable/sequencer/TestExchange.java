package dev.sable.sequencer;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A sequencer with its events recorded, and shorthands for the unit tests. */
public final class TestExchange {
  public final List<Event> all = new ArrayList<>();
  private final List<Event> last = new ArrayList<>();
  public final Sequencer seq;

  public TestExchange(Supplier<OrderBook> books) {
    seq =
        new Sequencer(
            books,
            e -> {
              all.add(e);
              last.add(e);
            },
            true);
  }

  public TestExchange() {
    this(ArrayOrderBook::new);
  }

  /** tick 1, lot 1, IM 10%, MM 5%, the given fees, 3 oracle sources, staleness 100. */
  public static MarketSpec spec(long makerFeePpm, long takerFeePpm) {
    return new MarketSpec(
        "BTC-PERP",
        1,
        1,
        100_000,
        50_000,
        makerFeePpm,
        takerFeePpm,
        1_000_000,
        1_000_000_000,
        3,
        100,
        10,
        1_000,
        10);
  }

  public List<Event> apply(Command c) {
    last.clear();
    seq.apply(c);
    return List.copyOf(last);
  }

  /** Lists a market and sets all three oracle sources to the mark. Returns its id. */
  public int market(MarketSpec spec, long mark) {
    int id = seq.state().markets().size();
    apply(new Command.ListMarket(spec));
    oracle(id, mark);
    return id;
  }

  public int feelessMarket(long mark) {
    return market(spec(0, 0), mark);
  }

  /** Moves time forward by one and publishes the price from every source. */
  public void oracle(int market, long price) {
    apply(new Command.TimeTick(seq.state().now() + 1));
    for (int s = 0; s < 3; s++) {
      apply(new Command.OraclePrice(market, s, price, seq.state().now()));
    }
  }

  /**
   * A test account's key: {@link AccountKey#NONE} for the fund, else a value the sequencer takes
   * for a valid key (it only compares keys; the node maps curve points to them).
   */
  public static AccountKey key(int account) {
    return account == Account.INSURANCE_FUND ? AccountKey.NONE : new AccountKey(0, 0, 7, account);
  }

  /** A deposit to an account under its test key. */
  public static Command.Deposit depositOf(int account, long amount) {
    return new Command.Deposit(account, amount, key(account));
  }

  public List<Event> deposit(int account, long amount) {
    return apply(depositOf(account, amount));
  }

  /** A withdrawal signed for the account's current nonce (0 for an unknown account). */
  public Command.Withdraw withdrawal(int account, long amount) {
    Account a = account(account);
    return new Command.Withdraw(account, amount, a == null ? 0 : a.nonce());
  }

  public List<Event> withdraw(int account, long amount) {
    return apply(withdrawal(account, amount));
  }

  /** An amend of a resting order into the next id of its fill slot. */
  public static Command.AmendOrder amendOf(int account, long clientOrderId, long price, long qty) {
    return new Command.AmendOrder(
        account, clientOrderId, clientOrderId + Account.FILL_SLOTS, price, qty);
  }

  public List<Event> limit(int account, int market, long cid, Side side, long price, long qty) {
    return apply(Command.PlaceOrder.limit(account, market, cid, side, price, qty));
  }

  public List<Event> order(
      int account, int market, long cid, Side side, OrderType type, long price, long qty) {
    return apply(
        new Command.PlaceOrder(
            account, market, cid, side, type, price, qty, false, 0, StpMode.CANCEL_TAKER));
  }

  public Account account(int id) {
    return seq.state().account(id);
  }

  /** The reject reason of a command, or null if it was not rejected. */
  public RejectReason rejection(Command c) {
    return reason(apply(c));
  }

  public static RejectReason reason(List<Event> events) {
    return events.stream()
        .filter(Event.Rejected.class::isInstance)
        .map(e -> ((Event.Rejected) e).reason())
        .findFirst()
        .orElse(null);
  }

  public static <T extends Event> List<T> of(List<Event> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
