package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.ArrayOrderBook;
import dev.sable.sequencer.core.ExchangeCore;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.funding.PriceFeed;
import dev.sable.sequencer.liquidation.Liquidator;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.matching.Matcher;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.snapshot.EngineImage;
import dev.sable.sequencer.trading.OrderEntry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The deterministic exchange state machine: {@link #apply} one command at a time, in log order.
 * Events go to the sink; {@link #changedAccountCount()} / {@link #changedAccount(int)} give the
 * accounts the last command changed. With hashing on, the commands' effects go to a {@link
 * StateHashFeed} in runs ({@link CommandEffects}) and {@link #stateHash()} is the state hash after
 * the last command: a {@link StateHasher} hashes on this thread; a node passes a feed that hashes
 * on another.
 *
 * <p>It owns its {@link ExchangeCore}; callers read the state through {@link #state()}, which has
 * no public way to change it.
 */
public final class Sequencer {
  private final ExchangeCore core;
  private final EventSink events;
  private final EffectsRecorder hashing;
  private final Margin margin;
  private final OrderEntry entry;
  private final Transfers transfers;
  private final MarginModes marginModes;
  private final MarketAdmin admin;
  private final PriceFeed prices;
  private final OptionMarks optionMarks;
  private final Liquidator liquidator;

  /** With hashing on, the state hash is computed on this thread ({@link StateHasher}). */
  public Sequencer(Supplier<OrderBook> books, EventSink sink, boolean hashing) {
    this(null, hashing ? new StateHasher() : null, books, sink);
  }

  /**
   * @param hashing receives the commands' effects, or null for hashing off
   */
  public Sequencer(Supplier<OrderBook> books, EventSink sink, StateHashFeed hashing) {
    this(null, hashing, books, sink);
  }

  /**
   * A sequencer in the state of an image (a snapshot), continuing from there as the sequencer it
   * was taken from would: the same events and, with hashing, the same chained hash (computed on
   * this thread).
   *
   * @param stateHash the hash after the image's last command, or null for hashing off
   * @throws IllegalArgumentException if the image is not one of an engine state
   */
  public static Sequencer restore(
      EngineImage image, byte[] stateHash, Supplier<OrderBook> books, EventSink sink) {
    return restore(image, stateHash == null ? null : new StateHasher(stateHash), books, sink);
  }

  /**
   * A sequencer in the state of an image, its commands' effects going to {@code hashing}, which
   * must continue from the hash after the image's last command.
   */
  public static Sequencer restore(
      EngineImage image, StateHashFeed hashing, Supplier<OrderBook> books, EventSink sink) {
    return new Sequencer(image, hashing, books, sink);
  }

  private Sequencer(
      EngineImage image, StateHashFeed hashing, Supplier<OrderBook> books, EventSink sink) {
    EffectsRecorder recorder = hashing == null ? null : new EffectsRecorder(hashing);
    this.hashing = recorder;
    if (recorder == null) {
      this.events = sink;
    } else if (sink == EventSink.DISCARD) {
      this.events = recorder::event; // the caller reads them back with lastEvents()
    } else {
      this.events =
          event -> {
            recorder.event(event);
            sink.accept(event);
          };
    }
    this.core =
        image == null
            ? new ExchangeCore(books, events)
            : ExchangeCore.restore(image, books, events);
    ExchangeState state = core.state();
    if (recorder != null) {
      recorder.start(state);
    }
    this.margin = new Margin(state);
    Matcher matcher = new Matcher(state, core.ledger(), core.orders(), margin);
    this.entry = new OrderEntry(state, events, margin, core.orders(), matcher);
    this.transfers = new Transfers(state, events, margin, core.ledger());
    this.marginModes = new MarginModes(state, events, margin, core.ledger());
    this.optionMarks = new OptionMarks(state, core.markets());
    this.admin = new MarketAdmin(core, events, optionMarks);
    this.prices = new PriceFeed(state, events, core.markets());
    this.liquidator = new Liquidator(state, events, margin, core.ledger(), core.orders(), matcher);
  }

  /** A sequencer on the fast book, without hashing. */
  public static Sequencer fast(EventSink sink) {
    return new Sequencer(ArrayOrderBook::new, sink, false);
  }

  public void apply(Command command) {
    core.beginCommand();
    if (hashing != null) {
      hashing.beginCommand();
    }
    dispatch(command);
    if (hashing != null) {
      hashing.endCommand(core.state());
    }
  }

  /**
   * Hands a command to its handler. Null fields cannot come from a decoded log, but a command must
   * never throw: a command with one is malformed.
   */
  private void dispatch(Command command) {
    switch (command) {
      case null -> malformed();
      case Command.PlaceOrder c -> {
        if (c.side() == null || c.type() == null || c.stp() == null) {
          malformed();
        } else {
          entry.place(c);
        }
      }
      case Command.AmendOrder c -> entry.amend(c);
      case Command.CancelOrder c -> entry.cancel(c);
      case Command.CancelAll c -> entry.cancelAll(c);
      case Command.Deposit c -> {
        if (c.key() == null) {
          malformed();
        } else {
          transfers.deposit(c);
        }
      }
      case Command.Withdraw c -> transfers.withdraw(c);
      case Command.OraclePrice c -> {
        if (prices.oracle(c)) {
          optionMarks.refreshOn(c.market());
        }
      }
      case Command.VolatilityPrice c -> {
        if (prices.volatility(c)) {
          optionMarks.refreshMarket(c.market());
        }
      }
      case Command.ForcedWithdrawal c -> transfers.forcedWithdraw(c);
      case Command.SetMarginMode c -> marginModes.set(c);
      case Command.FundingTick c -> prices.fundingTick(c);
      case Command.TimeTick c -> admin.advanceTime(c);
      case Command.LiquidationSweep c -> liquidator.sweep();
      case Command.ListMarket c -> {
        if (c.spec() == null) {
          malformed();
        } else {
          admin.list(c);
        }
      }
      case Command.ListOption c -> {
        if (c.spec() == null || c.terms() == null || c.terms().kind() == null) {
          malformed();
        } else {
          admin.listOption(c);
        }
      }
      case Command.SetMarketStatus c -> {
        if (c.status() == null) {
          malformed();
        } else {
          admin.setStatus(c);
        }
      }
    }
  }

  private void malformed() {
    events.reject(RejectReason.MALFORMED_COMMAND);
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

  /**
   * The events of the last command applied, a fresh immutable list, as its effects for the state
   * hash recorded them (the same events the sink got): with hashing on, a caller that wants each
   * command's events takes them here and needs no list of its own, so they are recorded once.
   *
   * @throws IllegalStateException if hashing is off, or {@link #stateHash()} was asked for since
   */
  public List<Event> lastEvents() {
    if (hashing == null) {
      throw new IllegalStateException("hashing is off");
    }
    return hashing.lastEvents();
  }

  public byte[] stateHash() {
    if (hashing == null) {
      throw new IllegalStateException("hashing is off");
    }
    return hashing.hash();
  }
}
