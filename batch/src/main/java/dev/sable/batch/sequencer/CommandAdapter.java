package dev.sable.batch.sequencer;

import dev.sable.batch.Capacities;
import dev.sable.batch.Deposit;
import dev.sable.batch.Expiry;
import dev.sable.batch.FundingTick;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one applied command (the command, its evidence, the events the sequencer emitted) into the
 * builder's settlement operations: a credited or refunded deposit with its queue record, a signed
 * withdrawal, a signed oracle price, a funding tick, and each fill as a trade of two signed orders
 * with its fees, a liquidation sweep's events as its liquidations and the fund's unwinds ({@link
 * SweepMapping}). It remembers the signed order of every resting order (an order accepted or
 * amended, until it is filled or cancelled), since a fill names its maker by order id. The evidence
 * must match the command field for field. An option's expiry (a time tick's {@code PositionSettled}
 * events on an option market) becomes expiry steps, one {@link Operation.Settle} per account, at a
 * circuit with expiry slots; without them, and for any other market settlement or a market listed
 * after genesis, the command is refused. A margin-mode switch ({@code MarginModeChanged}) becomes
 * one switch slot with the owner's signed request, at a circuit with switch slots; without them it
 * is refused.
 */
final class CommandAdapter {
  /** A resting or incoming order's signed terms and what is left of it. */
  private static final class Open {
    final SignedOrder order;
    long remaining;

    Open(SignedOrder order, long remaining) {
      this.order = order;
      this.remaining = remaining;
    }
  }

  private final Map<Long, MarketLeafV2> genesisMarkets;
  private final Map<Long, Open> orders = new HashMap<>();

  /** Keys seen in deposits, as the sequencer's view of them (validating a key is costly). */
  private final Map<KeyPoint, AccountKey> keys = new HashMap<>();

  private long nextQueueIndex;

  private long nextRequestIndex;

  private final boolean expirySlots;

  private final boolean switchSlots;

  /**
   * @param genesisMarkets the settlement state's markets (id to leaf: parameters and option terms)
   * @param nextQueueIndex the deposit queue index of the next deposit (the state's deposit count)
   */
  CommandAdapter(Map<Long, MarketLeafV2> genesisMarkets, long nextQueueIndex) {
    this(genesisMarkets, nextQueueIndex, 0);
  }

  /**
   * @param nextRequestIndex the request queue index of the next forced withdrawal request (the
   *     bridge's {@code requestsServed} after the batches the start state holds)
   */
  CommandAdapter(
      Map<Long, MarketLeafV2> genesisMarkets, long nextQueueIndex, long nextRequestIndex) {
    this(genesisMarkets, nextQueueIndex, nextRequestIndex, false, false);
  }

  /**
   * @param caps the circuit's capacities: without expiry step slots an option's expiry is refused,
   *     without switch slots a margin-mode switch
   */
  CommandAdapter(
      Map<Long, MarketLeafV2> genesisMarkets,
      long nextQueueIndex,
      long nextRequestIndex,
      Capacities caps) {
    this(
        genesisMarkets, nextQueueIndex, nextRequestIndex, caps.expiries() > 0, caps.switches() > 0);
  }

  private CommandAdapter(
      Map<Long, MarketLeafV2> genesisMarkets,
      long nextQueueIndex,
      long nextRequestIndex,
      boolean expirySlots,
      boolean switchSlots) {
    this.expirySlots = expirySlots;
    this.switchSlots = switchSlots;
    this.genesisMarkets = Map.copyOf(genesisMarkets);
    this.nextQueueIndex = nextQueueIndex;
    this.nextRequestIndex = nextRequestIndex;
  }

  long nextQueueIndex() {
    return nextQueueIndex;
  }

  long nextRequestIndex() {
    return nextRequestIndex;
  }

  /**
   * Writes what it remembers for a snapshot: the next deposit queue index, then every resting
   * order's signed order and remaining quantity by order id (the keys' cache is not state).
   */
  void writeTo(BatcherCodec.Out out) {
    out.i64(nextQueueIndex).i64(nextRequestIndex);
    List<Long> ids = new ArrayList<>(orders.keySet());
    ids.sort(null);
    out.list(
        ids, id -> out.i64(id).signedOrder(orders.get(id).order).i64(orders.get(id).remaining));
  }

  /** An adapter with the memory {@link #writeTo} wrote. */
  static CommandAdapter readFrom(
      BatcherCodec.In in, Map<Long, MarketLeafV2> genesisMarkets, Capacities caps) {
    CommandAdapter a = new CommandAdapter(genesisMarkets, in.i64(), in.i64(), caps);
    int n = in.count(8 + BatcherCodec.ORDER + 8);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      long id = in.i64();
      SignedOrder order = in.signedOrder();
      long remaining = in.i64();
      if (id <= previous || remaining <= 0) {
        throw new IllegalArgumentException(
            "batcher snapshot: order " + id + " out of order or with nothing left");
      }
      a.orders.put(id, new Open(order, remaining));
      previous = id;
    }
    return a;
  }

  List<Operation> adapt(Command command, Evidence evidence, List<Event> events) {
    List<Operation> out = new ArrayList<>();
    boolean rejected = events.stream().anyMatch(Event.Rejected.class::isInstance);
    switch (command) {
      case Command.Deposit d -> out.add(new Operation.Credit(deposit(d, evidence, rejected)));
      case Command.Withdraw w when !rejected -> out.add(withdrawal(w, evidence));
      // served either way: a refused request is paid 0, but the batch must still consume it
      case Command.ForcedWithdrawal f -> out.add(request(f, evidence));
      case Command.OraclePrice p when !rejected ->
          out.add(record(p, p.market(), p.source(), p.price(), p.publishTime(), evidence));
      case Command.VolatilityPrice v when !rejected ->
          out.add(record(v, v.market(), v.source(), v.volPpm(), v.publishTime(), evidence));
      default -> {}
    }
    SweepMapping sweep =
        command instanceof Command.LiquidationSweep
            ? new SweepMapping(command, f -> filled(f.makerOrderId(), f.quantity(), f))
            : null;
    Map<Long, List<Event.PositionSettled>> settled = new LinkedHashMap<>();
    for (Event e : events) {
      switch (e) {
        case Event.MarketListed l -> listed(command, l);
        case Event.OrderAccepted a -> accepted(command, evidence, a);
        case Event.OrderAmended a -> amended(command, evidence, a);
        case Event.OrderCancelled c -> orders.remove(c.orderId());
        case Event.Fill f when sweep != null -> sweep.fill(f);
        case Event.Fill f -> out.add(new Operation.Fill(trade(f)));
        case Event.FundingRate r ->
            out.add(new Operation.Tick(new FundingTick(r.market(), r.ratePpm())));
        case Event.Liquidated x -> inSweep(sweep, command, x).liquidated(x);
        case Event.PositionTakeover x -> inSweep(sweep, command, x).takeover(x);
        case Event.InsuranceSurplus x -> inSweep(sweep, command, x).surplus(x);
        case Event.DeficitCovered x -> inSweep(sweep, command, x).covered(x);
        case Event.UncoveredDeficit x -> inSweep(sweep, command, x).uncovered(x);
        case Event.AdlFill x -> inSweep(sweep, command, x).adl(x);
        case Event.PositionSettled x
            when command instanceof Command.TimeTick && option(x.market()) ->
            settled.computeIfAbsent((long) x.account(), k -> new ArrayList<>()).add(x);
        case Event.PositionSettled x ->
            throw new UnprovableCommandException(
                command
                    + " made a market settlement: it has no slot type in the settlement circuit,"
                    + " so no batch can contain it");
        case Event.MarginModeChanged x -> out.add(marginSwitch(command, evidence, x));
        // No balance moves, the command's own outcome (taken above), or what the builder
        // recomputes from the operations (funding settlement, marks).
        case Event.Rejected x -> {}
        case Event.MarketStatusChanged x
            when command instanceof Command.TimeTick && option(x.market()) && !expirySlots ->
            throw new UnprovableCommandException(
                command
                    + " expired option market "
                    + x.market()
                    + " ("
                    + x.status()
                    + "): this settlement circuit has no expiry step slots (-e<E>), so no batch"
                    + " can contain an option's expiry");
        case Event.MarketStatusChanged x -> {}
        case Event.Deposited x -> {}
        case Event.Withdrawn x -> {}
        case Event.MarkPrice x -> {}
        case Event.FundingPaid x -> {}
        case Event.TimeAdvanced x -> {}
        // a portfolio scenario range: no balance moves, and no batch holds a portfolio account
        case Event.RiskRange x -> {}
      }
    }
    if (sweep != null) {
      out.addAll(sweep.parts());
    }
    settled.forEach((account, positions) -> out.add(settle(account, positions)));
    return out;
  }

  /** An account's positions an expiry closed: its steps, and the legs that closed them. */
  private static Operation.Settle settle(long account, List<Event.PositionSettled> positions) {
    List<Expiry> expiries = new ArrayList<>();
    List<CommandPositions.Leg> legs = new ArrayList<>();
    for (Event.PositionSettled p : positions) {
      expiries.add(new Expiry(account, p.market(), p.price()));
      legs.add(new CommandPositions.Leg(account, p.market(), -p.size()));
    }
    return new Operation.Settle(account, expiries, legs);
  }

  private boolean option(int market) {
    MarketLeafV2 m = genesisMarkets.get((long) market);
    return m != null && m.isOption();
  }

  /** A liquidation event belongs to a sweep: the only command that emits one. */
  private static SweepMapping inSweep(SweepMapping sweep, Command command, Event e) {
    if (sweep == null) {
      throw new UnprovableCommandException(
          command + " emitted " + e + ", which only a liquidation sweep can prove");
    }
    return sweep;
  }

  private static UnprovableCommandException mismatch(Command command, Object evidence) {
    return new UnprovableCommandException(
        "the evidence does not match the command " + command + ": " + evidence);
  }

  /**
   * A listing the settlement state made at genesis, with the same parameters (and for an option the
   * same terms).
   */
  private void listed(Command command, Event.MarketListed l) {
    MarketLeafV2 genesis = genesisMarkets.get((long) l.market());
    boolean same =
        genesis != null
            && switch (command) {
              case Command.ListMarket c ->
                  !genesis.isOption()
                      && genesis.params().equals(SettlementMarkets.params(c.spec()));
              case Command.ListOption c ->
                  genesis.isOption()
                      && genesis.params().equals(SettlementMarkets.params(c.spec()))
                      && genesis.option().equals(SettlementMarkets.terms(c.terms()));
              default -> false;
            };
    if (!same) {
      throw new UnprovableCommandException(
          command
              + " lists market "
              + l.market()
              + " unlike the settlement state's genesis: markets are listed at genesis only, so"
              + " far");
    }
  }

  private Deposit deposit(Command.Deposit d, Evidence evidence, boolean refund) {
    if (!(evidence instanceof Evidence.QueueRecord q)) {
      throw mismatch(d, evidence);
    }
    if (q.queueIndex() != nextQueueIndex) {
      throw new UnprovableCommandException(
          "deposit queue record "
              + q.queueIndex()
              + " arrives where record "
              + nextQueueIndex
              + " is next: deposits are consumed in queue order");
    }
    if (!keys.computeIfAbsent(q.key(), AccountKeys::of).equals(d.key())) {
      throw mismatch(d, "queue record key " + q.key());
    }
    Deposit out;
    try {
      out = new Deposit(d.account(), d.amount(), q.sender(), q.key(), q.blinding(), refund);
    } catch (IllegalArgumentException e) {
      throw new UnprovableCommandException(d + " is not a deposit queue record: " + e.getMessage());
    }
    nextQueueIndex++;
    return out;
  }

  private static Operation withdrawal(Command.Withdraw w, Evidence evidence) {
    if (evidence instanceof Evidence.WithdrawalSignature s) {
      WithdrawalMessage m = s.withdrawal().message();
      if (m.accountIndex() == w.account() && m.amount() == w.amount() && m.nonce() == w.nonce()) {
        return new Operation.Payout(s.withdrawal());
      }
    }
    throw mismatch(w, evidence);
  }

  /** A forced request: the next of L1's request queue, its record matching the command. */
  private Operation request(Command.ForcedWithdrawal f, Evidence evidence) {
    if (!(evidence instanceof Evidence.RequestRecord r)) {
      throw mismatch(f, evidence);
    }
    if (r.queueIndex() != nextRequestIndex) {
      throw new UnprovableCommandException(
          "forced request " + r.queueIndex() + " out of queue order: expected " + nextRequestIndex);
    }
    WithdrawalMessage m = r.request().message();
    if (m.accountIndex() != f.account() || m.amount() != f.maxAmount() || m.nonce() != f.nonce()) {
      throw mismatch(f, evidence);
    }
    nextRequestIndex++;
    return new Operation.Request(r.request());
  }

  /** A switch: its signed request, field for field the event, at a circuit with switch slots. */
  private Operation marginSwitch(Command command, Evidence evidence, Event.MarginModeChanged x) {
    if (!switchSlots) {
      throw new UnprovableCommandException(
          command
              + " switched account "
              + x.account()
              + (x.portfolio() ? " to portfolio" : " to cross")
              + " margin: this settlement circuit has no margin-mode switch slots (-s<S>), so no"
              + " batch can contain a switch");
    }
    if (evidence instanceof Evidence.SwitchSignature s) {
      MarginModeMessage m = s.request().message();
      if (m.accountIndex() == x.account()
          && m.portfolio() == (x.portfolio() ? 1 : 0)
          && m.requestId() == x.requestId()) {
        return new Operation.Switch(s.request());
      }
    }
    throw mismatch(command, evidence);
  }

  /**
   * An accepted oracle record (a perpetual's price or an option's volatility) with its source's
   * signed message, field for field the command; the builder checks the signature under the tag of
   * the market's kind.
   */
  private static Operation record(
      Command command, int market, int source, long value, long publishTime, Evidence evidence) {
    if (evidence instanceof Evidence.PriceSignature s) {
      OraclePriceMessage m = s.price().price();
      if (m.marketId() == market
          && m.source() == source
          && m.price() == value
          && m.publishTime() == publishTime) {
        return new Operation.Price(new SignedPrice(m, s.price().signature()));
      }
    }
    throw mismatch(command, evidence);
  }

  private void accepted(Command command, Evidence evidence, Event.OrderAccepted a) {
    if (!(command instanceof Command.PlaceOrder p)
        || !(evidence instanceof Evidence.OrderSignature s)
        || !s.order().order().equals(message(p))) {
      throw mismatch(command, evidence);
    }
    orders.put(a.orderId(), new Open(s.order(), a.quantity()));
  }

  private static OrderMessage message(Command.PlaceOrder p) {
    try {
      return OrderCommands.message(p);
    } catch (IllegalArgumentException e) {
      throw new UnprovableCommandException(p + " cannot be a signed order: " + e.getMessage());
    }
  }

  /** The new order of an amend: its new client id, price and quantity, the old order's terms. */
  private void amended(Command command, Evidence evidence, Event.OrderAmended a) {
    Open old = orders.get(a.orderId());
    if (old == null) {
      throw new UnprovableCommandException(command + " amends an order the batcher never saw");
    }
    OrderMessage o = old.order.order();
    if (!(evidence instanceof Evidence.OrderSignature s)
        || !s.order()
            .order()
            .equals(
                new OrderMessage(
                    o.accountIndex(),
                    o.marketId(),
                    a.clientOrderId(),
                    o.side(),
                    o.type(),
                    a.price(),
                    a.quantity(),
                    o.reduceOnly(),
                    o.expiry(),
                    o.stp()))) {
      throw mismatch(command, evidence);
    }
    orders.put(a.orderId(), new Open(s.order(), a.quantity()));
  }

  private Trade trade(Event.Fill f) {
    SignedOrder maker = filled(f.makerOrderId(), f.quantity(), f);
    SignedOrder taker = filled(f.takerOrderId(), f.quantity(), f);
    return new Trade(maker, taker, f.quantity(), f.price(), f.makerFee(), f.takerFee());
  }

  private SignedOrder filled(long orderId, long quantity, Event.Fill f) {
    Open o = orders.get(orderId);
    if (o == null) {
      throw new UnprovableCommandException(f + " fills order " + orderId + " that no one signed");
    }
    o.remaining -= quantity;
    if (o.remaining == 0) {
      orders.remove(orderId);
    }
    return o.order;
  }
}
