package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeCore;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.funding.PriceFeed;
import dev.sable.sequencer.liquidation.Liquidator;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.matching.Matcher;
import dev.sable.sequencer.snapshot.EngineImage;
import dev.sable.sequencer.trading.OrderEntry;
import java.util.function.Supplier;

/**
 * The deterministic exchange state machine: {@link #apply} one command at a time, in log order.
 * Events go to the sink; {@link #changedAccountCount()} / {@link #changedAccount(int)} give the
 * accounts the last command changed. With hashing on, {@link #stateHash()} is the chained SHA-256
 * after the last command (off by default: the benchmark measures matching, not hashing).
 *
 * <p>It owns its {@link ExchangeCore}; callers read the state through {@link #state()}, which has
 * no public way to change it.
 */
public final class Sequencer {
  private final ExchangeCore core;
  private final EventSink events;
  private final StateHasher hasher;
  private final Margin margin;
  private final OrderEntry entry;
  private final Transfers transfers;
  private final MarketAdmin admin;
  private final PriceFeed prices;
  private final Liquidator liquidator;

  public Sequencer(Supplier<OrderBook> books, EventSink sink, boolean hashing) {
    this(null, hashing ? new StateHasher(new byte[32]) : null, books, sink);
  }

  /**
   * A sequencer in the state of an image (a snapshot), continuing from there as the sequencer it
   * was taken from would: the same events and, with hashing, the same chained hash.
   *
   * @param stateHash the hash after the image's last command, or null for hashing off
   * @throws IllegalArgumentException if the image is not one of an engine state
   */
  public static Sequencer restore(
      EngineImage image, byte[] stateHash, Supplier<OrderBook> books, EventSink sink) {
    return new Sequencer(
        image, stateHash == null ? null : new StateHasher(stateHash.clone()), books, sink);
  }

  private Sequencer(
      EngineImage image, StateHasher hasher, Supplier<OrderBook> books, EventSink sink) {
    this.hasher = hasher;
    this.events =
        hasher != null
            ? event -> {
              hasher.record(event);
              sink.accept(event);
            }
            : sink;
    this.core =
        image == null
            ? new ExchangeCore(books, events)
            : ExchangeCore.restore(image, books, events);
    ExchangeState state = core.state();
    this.margin = new Margin(state);
    Matcher matcher = new Matcher(state, core.ledger(), core.orders());
    this.entry = new OrderEntry(state, events, margin, core.orders(), matcher);
    this.transfers = new Transfers(state, events, margin, core.ledger());
    this.admin = new MarketAdmin(core, events);
    this.prices = new PriceFeed(state, events, core.markets());
    this.liquidator = new Liquidator(state, events, margin, core.ledger(), core.orders(), matcher);
  }

  /** A sequencer on the fast book, without hashing. */
  public static Sequencer fast(EventSink sink) {
    return new Sequencer(ArrayOrderBook::new, sink, false);
  }

  public void apply(Command command) {
    core.beginCommand();
    if (!wellFormed(command)) {
      events.reject(RejectReason.MALFORMED_COMMAND);
    } else {
      dispatch(command);
    }
    if (hasher != null) {
      hasher.finishCommand(core.state());
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
      case Command.Deposit c -> transfers.deposit(c);
      case Command.Withdraw c -> transfers.withdraw(c);
      case Command.OraclePrice c -> prices.oracle(c);
      case Command.FundingTick c -> prices.fundingTick(c);
      case Command.TimeTick c -> admin.advanceTime(c);
      case Command.LiquidationSweep c -> liquidator.sweep();
      case Command.ListMarket c -> admin.list(c);
      case Command.SetMarketStatus c -> admin.setStatus(c);
    }
  }

  /** The state as a value, for snapshots: with {@link #stateHash()}, all {@link #restore} needs. */
  public EngineImage image() {
    return core.image();
  }

  /** The state, read-only: for queries, tests and the batch builder. */
  public ExchangeState state() {
    return core.state();
  }

  /** Margin arithmetic over the state (read-only). */
  public Margin margin() {
    return margin;
  }

  public int changedAccountCount() {
    return core.state().changedAccountCount();
  }

  public int changedAccount(int i) {
    return core.state().changedAccount(i);
  }

  public byte[] stateHash() {
    if (hasher == null) {
      throw new IllegalStateException("hashing is off");
    }
    return hasher.hash();
  }
}
