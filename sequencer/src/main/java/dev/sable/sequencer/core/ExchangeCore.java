package dev.sable.sequencer.core;

import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.snapshot.EngineImage;
import java.util.function.Supplier;

/**
 * The exchange's state and the only three handles that change it: the {@link Ledger} (money and
 * positions), the {@link OrderRegistry} (resting orders) and {@link MarketControl} (markets,
 * prices, funding, time). Whoever holds a core can change its state; the sequencer keeps its own
 * core private and hands out only the {@link ExchangeState}, which is read-only.
 */
public final class ExchangeCore {
  private final ExchangeState state = new ExchangeState();
  private final Ledger ledger;
  private final OrderRegistry orders;
  private final MarketControl markets;

  /**
   * @param books makes the book of each newly listed market
   * @param events receives every event of a change
   */
  public ExchangeCore(Supplier<OrderBook> books, EventSink events) {
    this.ledger = new Ledger(state, events);
    this.orders = new OrderRegistry(state, events);
    this.markets = new MarketControl(state, events, books);
  }

  /**
   * A core in the state an image holds (see {@link EngineImage}): the inverse of {@link #image}, so
   * that {@code restore(core.image(), ...).image()} equals {@code core.image()}.
   *
   * @throws IllegalArgumentException if the image is not one of an engine state (ids out of order
   *     or range, an order of an unknown account or in the wrong market, a record per source
   *     missing)
   */
  public static ExchangeCore restore(
      EngineImage image, Supplier<OrderBook> books, EventSink events) {
    ExchangeCore core = new ExchangeCore(books, events);
    EngineImages.restore(image, core.state, core.orders, books);
    return core;
  }

  /** The state as a value (copied: later commands do not change it). */
  public EngineImage image() {
    return EngineImages.capture(state);
  }

  public ExchangeState state() {
    return state;
  }

  public Ledger ledger() {
    return ledger;
  }

  public OrderRegistry orders() {
    return orders;
  }

  public MarketControl markets() {
    return markets;
  }

  /** Starts a new command: the changed-account set becomes empty. */
  public void beginCommand() {
    state.beginCommand();
  }
}
