package dev.sable.batch.sequencer;

import dev.sable.batch.Capacities;
import dev.sable.batch.Close;
import dev.sable.batch.Deposit;
import dev.sable.batch.Expiry;
import dev.sable.batch.ForcedRequest;
import dev.sable.batch.FundingTick;
import dev.sable.batch.Liquidation;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.OptionMark;
import dev.sable.batch.RiskRow;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.SignedPrice;
import dev.sable.batch.Trade;
import dev.sable.batch.Withdrawal;
import dev.sable.sequencer.core.Account;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch being filled: its operations in slot order, and what the circuit's tables and
 * end-of-batch rules will make of them (the rows it takes, each account's position slots, the
 * accounts under the margin rule, the markets that need a valid mark, the earliest expiry filled,
 * the liquidation steps of the sweep that ends it, the fill slots its switches took).
 */
final class OpenBatch {
  private final Capacities caps;
  private final List<FundingTick> ticks = new ArrayList<>();
  private final List<SignedPrice> prices = new ArrayList<>();
  private final List<Deposit> deposits = new ArrayList<>();
  private final List<Trade> trades = new ArrayList<>();
  private final List<Withdrawal> withdrawals = new ArrayList<>();
  private final List<Liquidation> liquidations = new ArrayList<>();
  private final List<Close> unwinds = new ArrayList<>();
  private final List<Expiry> expiries = new ArrayList<>();
  private final List<MarginSwitch> switches = new ArrayList<>();

  /**
   * The fill slots the switches took: the circuit writes a batch's switch slots after its order
   * rows, so no order of the batch may fill from one of them (a later order there has a newer id,
   * which the switch's id would then be refused against).
   */
  private final Set<Effects.FillSlot> switchedSlots = new HashSet<>();

  private int steps;
  private final Set<SignedOrder> orders = new HashSet<>();
  private final long requestStart;
  private final List<ForcedRequest> requests = new ArrayList<>();
  private final Set<Long> requesters = new HashSet<>();

  /** Account table: each account's position markets at the start of the batch. */
  private final Map<Long, Long> startMarkets = new HashMap<>();

  private final Map<Long, Long> tradedMarkets = new HashMap<>();

  /** Market table: ticked, priced, traded, and every position market of the account table. */
  private long markets;

  final Set<Long> atRisk = new HashSet<>();
  final Set<Long> withdrawers = new HashSet<>();
  long riskMarkets;
  long minExpiry = Long.MAX_VALUE;

  /** Journal sequence numbers of the first and last command whose operations are in the batch. */
  private long firstSequence = -1;

  private long lastSequence = -1;

  /** Log time of the first command with an operation in the batch. */
  long openedAt;

  /**
   * @param requestStart the bridge's count of requests served before this batch (the queue index of
   *     its first request)
   */
  OpenBatch(Capacities caps, long requestStart) {
    this.caps = caps;
    this.requestStart = requestStart;
  }

  /** Whether the batch serves a forced request: only more requests may join it. */
  boolean hasRequests() {
    return !requests.isEmpty();
  }

  boolean hasOperations() {
    return firstSequence >= 0;
  }

  /** Whether every operation so far is a funding tick (ticks open a batch). */
  boolean onlyTicks() {
    return prices.isEmpty()
        && deposits.isEmpty()
        && trades.isEmpty()
        && withdrawals.isEmpty()
        && requests.isEmpty()
        && switches.isEmpty();
  }

  /**
   * Whether the batch can also hold {@code e}: every table within the circuit's capacities, no
   * account needing more than its 8 position slots (positions at the start of the batch plus the
   * markets it trades in it), and no order filling from a fill slot a switch of the batch took.
   */
  boolean fits(Effects e) {
    if (prices.size() + e.prices > caps.oracles()
        || deposits.size() + e.deposits > caps.deposits()
        || trades.size() + e.trades > caps.trades()
        || withdrawals.size() + e.withdrawals > caps.withdrawals()
        || steps + e.steps > caps.steps()
        || requests.size() + e.requests > caps.requests()
        || expiries.size() + e.expiries > caps.expiries()
        || switches.size() + e.switches > caps.switches()
        || e.requesters.stream().anyMatch(requesters::contains)) {
      return false; // (the circuit serves at most one request per account and batch)
    }
    for (SignedOrder o : e.orders) {
      if (switchedSlots.contains(
          Effects.FillSlot.of(o.order().accountIndex(), o.order().clientOrderId()))) {
        return false;
      }
    }
    int newOrders = 0;
    for (SignedOrder o : e.orders) {
      newOrders += orders.contains(o) ? 0 : 1;
    }
    if (orders.size() + newOrders > caps.orders()) {
      return false;
    }
    long allMarkets = markets | e.markets;
    int newAccounts = 0;
    for (Map.Entry<Long, Long> a : e.startMarkets.entrySet()) {
      Long start = startMarkets.get(a.getKey());
      if (start == null) {
        newAccounts++;
        start = a.getValue();
        allMarkets |= start;
      }
      long traded =
          tradedMarkets.getOrDefault(a.getKey(), 0L) | e.tradedMarkets.getOrDefault(a.getKey(), 0L);
      if (Long.bitCount(start | traded) > Account.MAX_ACTIVE_MARKETS) {
        return false;
      }
    }
    return startMarkets.size() + newAccounts <= caps.accounts()
        && Long.bitCount(allMarkets) <= caps.markets();
  }

  /** Adds the run of operations of the command at {@code sequence}, at log time {@code now}. */
  void add(Effects e, long sequence, long now) {
    for (Operation op : e.operations) {
      switch (op) {
        case Operation.Tick t -> ticks.add(t.tick());
        case Operation.Price p -> prices.add(p.price());
        case Operation.Credit c -> deposits.add(c.deposit());
        case Operation.Fill f -> trades.add(f.trade());
        case Operation.Payout w -> withdrawals.add(w.withdrawal());
        case Operation.Request r -> requests.add(r.request());
        case Operation.Settle s -> expiries.addAll(s.expiries());
        case Operation.Switch s -> addSwitch(s.request());
        case Operation.Sweep w -> {
          liquidations.addAll(w.liquidations());
          unwinds.addAll(w.unwinds());
        }
      }
    }
    orders.addAll(e.orders);
    requesters.addAll(e.requesters);
    steps += e.steps;
    markets |= e.markets;
    e.startMarkets.forEach(
        (account, start) -> {
          if (startMarkets.putIfAbsent(account, start) == null) {
            markets |= start;
          }
        });
    e.tradedMarkets.forEach(
        (account, traded) -> tradedMarkets.merge(account, traded, (x, y) -> x | y));
    atRisk.addAll(e.atRisk);
    withdrawers.addAll(e.withdrawers);
    riskMarkets |= e.riskMarkets;
    minExpiry = Math.min(minExpiry, e.minExpiry);
    if (!e.operations.isEmpty()) {
      if (firstSequence < 0) {
        firstSequence = sequence;
        openedAt = now;
      }
      lastSequence = sequence;
    }
  }

  private void addSwitch(MarginSwitch s) {
    switches.add(s);
    switchedSlots.add(Effects.FillSlot.of(s.message().accountIndex(), s.message().requestId()));
  }

  /**
   * Writes the batch for a snapshot. Between two commands a batch never holds a liquidation sweep
   * (a sweep seals its batch at once), so none is written; the orders' set is the trades' orders.
   *
   * @throws IllegalStateException if it holds a sweep
   */
  void writeTo(BatcherCodec.Out out) {
    if (!liquidations.isEmpty() || !unwinds.isEmpty() || steps != 0) {
      throw new IllegalStateException("an open batch holds a liquidation sweep, which ends it");
    }
    if (!expiries.isEmpty()) {
      throw new IllegalStateException("an open batch holds an option's expiry, which ends it");
    }
    out.i64(requestStart)
        .list(ticks, out::tick)
        .list(prices, out::price)
        .list(deposits, out::deposit)
        .list(trades, out::trade)
        .list(withdrawals, out::withdrawal)
        .longMap(startMarkets)
        .longMap(tradedMarkets)
        .i64(markets)
        .longs(atRisk)
        .longs(withdrawers)
        .i64(riskMarkets)
        .i64(minExpiry)
        .i64(firstSequence)
        .i64(lastSequence)
        .i64(openedAt)
        .list(requests, out::request)
        .longs(requesters)
        .list(switches, out::marginSwitch);
  }

  /** Reads a batch {@link #writeTo} wrote. */
  static OpenBatch readFrom(BatcherCodec.In in, Capacities caps) {
    OpenBatch b = new OpenBatch(caps, in.i64());
    b.ticks.addAll(in.list(BatcherCodec.TICK, BatcherCodec.In::tick));
    b.prices.addAll(in.list(BatcherCodec.PRICE, BatcherCodec.In::price));
    b.deposits.addAll(in.list(BatcherCodec.DEPOSIT, BatcherCodec.In::deposit));
    b.trades.addAll(in.list(BatcherCodec.TRADE, BatcherCodec.In::trade));
    b.withdrawals.addAll(in.list(BatcherCodec.WITHDRAWAL, BatcherCodec.In::withdrawal));
    for (Trade t : b.trades) {
      b.orders.add(t.maker());
      b.orders.add(t.taker());
    }
    b.startMarkets.putAll(in.longMap());
    b.tradedMarkets.putAll(in.longMap());
    b.markets = in.i64();
    b.atRisk.addAll(in.longs());
    b.withdrawers.addAll(in.longs());
    b.riskMarkets = in.i64();
    b.minExpiry = in.i64();
    b.firstSequence = in.i64();
    b.lastSequence = in.i64();
    b.openedAt = in.i64();
    b.requests.addAll(in.list(BatcherCodec.REQUEST, BatcherCodec.In::request));
    b.requesters.addAll(in.longs());
    in.list(BatcherCodec.SWITCH, BatcherCodec.In::marginSwitch).forEach(b::addSwitch);
    return b;
  }

  SealedBatch seal(
      long time, List<OptionMark> optionMarks, List<RiskRow> risk, SealedBatch.Reason reason) {
    return new SealedBatch(
        new SettlementBatch(
            time,
            ticks,
            prices,
            deposits,
            trades,
            withdrawals,
            liquidations,
            unwinds,
            requestStart,
            requests,
            optionMarks,
            risk,
            expiries,
            switches),
        firstSequence,
        lastSequence,
        reason);
  }
}
