package dev.sable.sequencer.engine;

import dev.sable.sequencer.account.Account;
import dev.sable.sequencer.book.ArrayOrderBook;
import dev.sable.sequencer.book.OrderBook;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.funding.PriceFeed;
import dev.sable.sequencer.liquidation.Liquidator;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.Market;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.matching.Matcher;
import java.util.function.Supplier;

/**
 * The deterministic exchange state machine: {@link #apply} one command at a time, in log order.
 * Events go to the sink; {@link #changedAccountCount()} / {@link #changedAccount(int)} give the
 * accounts the last command changed. With hashing on, {@link #stateHash()} is the chained SHA-256
 * after the last command (off by default: the benchmark measures matching, not hashing).
 */
public final class Sequencer {
  private final ExchangeState state = new ExchangeState();
  private final Supplier<OrderBook> books;
  private final EventSink events;
  private final StateHasher hasher;
  private final Margin margin;
  private final Ledger ledger;
  private final OrderRegistry orders;
  private final OrderEntry entry;
  private final PriceFeed prices;
  private final Liquidator liquidator;

  public Sequencer(Supplier<OrderBook> books, EventSink sink, boolean hashing) {
    this.books = books;
    this.hasher = hashing ? new StateHasher() : null;
    this.events =
        hashing
            ? event -> {
              hasher.record(event);
              sink.accept(event);
            }
            : sink;
    this.margin = new Margin(state.markets);
    this.ledger = new Ledger(state, events);
    this.orders = new OrderRegistry(state, events);
    Matcher matcher = new Matcher(state, ledger, orders);
    this.entry = new OrderEntry(state, events, margin, orders, matcher);
    this.prices = new PriceFeed(state, events);
    this.liquidator = new Liquidator(state, events, margin, ledger, orders, matcher);
  }

  /** A sequencer on the fast book, without hashing. */
  public static Sequencer fast(EventSink sink) {
    return new Sequencer(ArrayOrderBook::new, sink, false);
  }

  public void apply(Command command) {
    state.beginCommand();
    if (!wellFormed(command)) {
      reject(RejectReason.MALFORMED_COMMAND);
    } else {
      dispatch(command);
    }
    if (hasher != null) {
      hasher.finishCommand(state);
    }
  }

  /** Null fields cannot come from a decoded log, but a command must never throw. */
  private static boolean wellFormed(Command command) {
    return switch (command) {
      case null -> false;
      case Command.PlaceOrder c -> c.side() != null && c.type() != null && c.stp() != null;
      case Command.ListMarket c -> c.spec() != null;
      case Command.SetMarketStatus c -> c.status() != null;
      default -> true;
    };
  }

  private void dispatch(Command command) {
    switch (command) {
      case Command.PlaceOrder c -> entry.place(c);
      case Command.AmendOrder c -> entry.amend(c);
      case Command.CancelOrder c -> entry.cancel(c);
      case Command.CancelAll c -> entry.cancelAll(c);
      case Command.Deposit c -> deposit(c);
      case Command.Withdraw c -> withdraw(c);
      case Command.OraclePrice c -> prices.oracle(c);
      case Command.FundingTick c -> prices.fundingTick(c);
      case Command.TimeTick c -> timeTick(c);
      case Command.LiquidationSweep c -> liquidator.sweep();
      case Command.ListMarket c -> listMarket(c);
      case Command.SetMarketStatus c -> setStatus(c);
    }
  }

  private void reject(RejectReason reason) {
    events.accept(new Event.Rejected(reason));
  }

  private void deposit(Command.Deposit c) {
    if (c.account() < 0 || c.account() >= ExchangeState.MAX_ACCOUNTS) {
      reject(RejectReason.BAD_ACCOUNT_ID);
      return;
    }
    Account a = state.account(c.account());
    RejectReason reason = depositLimit(a == null ? 0 : a.collateral, c.amount());
    if (reason != null) {
      reject(reason);
      return;
    }
    ledger.deposit(a != null ? a : state.createAccount(c.account()), c.amount());
  }

  /**
   * The deposit bounds, checked before the account is created. {@code amount <= MAX_COLLATERAL} is
   * tested first so that neither {@code MAX - amount} can overflow.
   */
  private RejectReason depositLimit(long collateral, long amount) {
    if (amount <= 0) {
      return RejectReason.NON_POSITIVE_AMOUNT;
    }
    if (amount > ExchangeState.MAX_COLLATERAL
        || collateral > ExchangeState.MAX_COLLATERAL - amount) {
      return RejectReason.COLLATERAL_LIMIT_EXCEEDED;
    }
    if (state.netDeposits > ExchangeState.MAX_NET_DEPOSITS - amount) {
      return RejectReason.EXCHANGE_DEPOSIT_LIMIT_EXCEEDED;
    }
    return null;
  }

  /** A withdrawal may take collateral (after funding) that equity above initial margin covers. */
  private void withdraw(Command.Withdraw c) {
    Account a = state.account(c.account());
    RejectReason reason = null;
    if (a == null) {
      reason = RejectReason.UNKNOWN_ACCOUNT;
    } else if (a.id == Account.INSURANCE_FUND) {
      reason = RejectReason.FUND_ACCOUNT;
    } else if (c.amount() <= 0) {
      reason = RejectReason.NON_POSITIVE_AMOUNT;
    } else if (margin.settledCollateral(a) < c.amount()) {
      reason = RejectReason.INSUFFICIENT_COLLATERAL;
    } else if (Math.subtractExact(margin.equity(a), c.amount()) < margin.initialRequirement(a)) {
      reason = RejectReason.INSUFFICIENT_MARGIN;
    }
    if (reason != null) {
      reject(reason);
      return;
    }
    ledger.settleAllFunding(a);
    ledger.withdraw(a, c.amount());
  }

  private void timeTick(Command.TimeTick c) {
    if (c.now() < state.now) {
      reject(RejectReason.TIME_WENT_BACKWARDS);
      return;
    }
    state.now = c.now();
    events.accept(new Event.TimeAdvanced(c.now()));
    orders.expire(c.now());
    for (Market m : state.markets) {
      prices.refreshMark(m);
    }
  }

  private void listMarket(Command.ListMarket c) {
    if (!c.spec().isValid()) {
      reject(RejectReason.INVALID_MARKET_SPEC);
      return;
    }
    if (state.markets.size() == ExchangeState.MAX_MARKETS) {
      reject(RejectReason.TOO_MANY_MARKETS);
      return;
    }
    Market m = new Market(state.markets.size(), c.spec(), books.get());
    state.markets.add(m);
    events.accept(new Event.MarketListed(m.id, c.spec().symbol()));
  }

  /**
   * Active and halted switch freely; settled is final: every order is cancelled and every position
   * closed at the last mark.
   */
  private void setStatus(Command.SetMarketStatus c) {
    Market m = state.market(c.market());
    RejectReason reason = null;
    if (m == null) {
      reason = RejectReason.UNKNOWN_MARKET;
    } else if (m.status == MarketStatus.SETTLED || m.status == c.status()) {
      reason = RejectReason.BAD_STATUS_CHANGE;
    } else if (c.status() == MarketStatus.SETTLED && m.mark == 0) {
      reason = RejectReason.NO_MARK_PRICE;
    }
    if (reason != null) {
      reject(reason);
      return;
    }
    m.status = c.status();
    events.accept(new Event.MarketStatusChanged(m.id, m.status));
    if (m.status == MarketStatus.SETTLED) {
      for (long id = m.book.best(true); id != OrderBook.NONE; id = m.book.best(true)) {
        orders.cancel(m, id, CancelReason.MARKET_SETTLED);
      }
      for (long id = m.book.best(false); id != OrderBook.NONE; id = m.book.best(false)) {
        orders.cancel(m, id, CancelReason.MARKET_SETTLED);
      }
      for (int id = 0; id < state.accountBound(); id++) {
        Account a = state.account(id);
        if (a != null && a.size(m.id) != 0) {
          ledger.settlePosition(m, a, m.mark);
        }
      }
    }
  }

  /** The state, read-only by convention (for queries, tests and the batch builder). */
  public ExchangeState state() {
    return state;
  }

  public Margin margin() {
    return margin;
  }

  public int changedAccountCount() {
    return state.changedAccountCount();
  }

  public int changedAccount(int i) {
    return state.changedAccount(i);
  }

  public byte[] stateHash() {
    if (hasher == null) {
      throw new IllegalStateException("hashing is off");
    }
    return hasher.hash();
  }
}
