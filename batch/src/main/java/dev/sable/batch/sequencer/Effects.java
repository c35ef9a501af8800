package dev.sable.batch.sequencer;

import dev.sable.batch.Liquidation;
import dev.sable.batch.SignedOrder;
import dev.sable.batch.Trade;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.margin.Margin;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run of operations (a command's, or one fill of a command split over batches) adds to a
 * batch, in the terms of the circuit's tables and end-of-batch rules: the slots it takes, the rows
 * it needs, which accounts it puts under the margin rule, which markets need a valid mark, the
 * earliest expiry it fills, the fill slots its switches take. Market sets are bit masks over the
 * sequencer's market ids (< 64).
 */
final class Effects {
  /** An account's fill slot (a client order id modulo the fill tree's 1024 slots). */
  record FillSlot(long account, long slot) {
    static FillSlot of(long account, long clientOrderId) {
      return new FillSlot(account, Account.fillSlot(clientOrderId));
    }
  }

  final List<Operation> operations;

  /** The command moved marks or time (a time tick, an oracle price). */
  final boolean marksMoved;

  int ticks;
  int prices;
  int deposits;
  int trades;
  int withdrawals;
  int steps;

  /** Accounts of the forced withdrawal requests, in order (at most one request per account). */
  final Set<Long> requesters = new HashSet<>();

  int requests;

  /** A liquidation sweep: it ends the batch, after the end-of-batch checks. */
  boolean sweep;

  /** Expiry steps: an option's expiry ends the batch, at the time that settles it. */
  int expiries;

  /** Margin-mode switches: each takes a switch slot (and its request id's fill slot). */
  int switches;

  final Set<SignedOrder> orders = new HashSet<>();

  /** Accounts the builder's account table gets, with their positions' markets before the run. */
  final Map<Long, Long> startMarkets = new HashMap<>();

  /** Markets each account trades. */
  final Map<Long, Long> tradedMarkets = new HashMap<>();

  /** Ticked, priced and traded markets. */
  long markets;

  /** Accounts under the margin rule: a fill that adds risk, a withdrawal. */
  final Set<Long> atRisk = new HashSet<>();

  final Set<Long> withdrawers = new HashSet<>();

  /** Markets of fills that add risk: they need a valid mark. */
  long riskMarkets;

  /** The earliest expiry of an order filled (Long.MAX_VALUE: none). */
  long minExpiry = Long.MAX_VALUE;

  private Effects(List<Operation> operations, boolean marksMoved) {
    this.operations = List.copyOf(operations);
    this.marksMoved = marksMoved;
  }

  /** The effects of the operations, walking {@code positions} through their fills. */
  static Effects of(List<Operation> operations, CommandPositions positions, boolean marksMoved) {
    Effects e = new Effects(operations, marksMoved);
    for (Operation op : operations) {
      switch (op) {
        case Operation.Tick t -> {
          e.ticks++;
          e.markets |= 1L << t.tick().market();
        }
        case Operation.Price p -> {
          e.prices++;
          e.markets |= 1L << p.price().price().marketId();
        }
        case Operation.Credit c -> {
          e.deposits++;
          if (!c.deposit().refund()) {
            e.touch(c.deposit().account(), positions);
          }
        }
        case Operation.Fill f -> e.fill(f.trade(), positions);
        case Operation.Sweep w -> e.sweep(w, positions);
        case Operation.Settle s -> {
          e.expiries += s.expiries().size();
          e.touch(s.account(), positions);
          s.legs().forEach(positions::apply);
        }
        case Operation.Request r -> {
          long account = r.request().message().accountIndex();
          e.requests++;
          e.requesters.add(account);
          e.touch(account, positions); // a row even if the account does not exist
        }
        case Operation.Switch s -> {
          MarginModeMessage m = s.request().message();
          e.switches++;
          e.touch(m.accountIndex(), positions);
          e.atRisk.add(m.accountIndex()); // under the margin rule of the mode it ends the batch in
        }
        case Operation.Payout w -> {
          long account = w.withdrawal().message().accountIndex();
          e.withdrawals++;
          e.touch(account, positions);
          e.atRisk.add(account);
          e.withdrawers.add(account);
        }
      }
    }
    return e;
  }

  private void touch(long account, CommandPositions positions) {
    startMarkets.computeIfAbsent(account, positions::markets);
  }

  private void fill(Trade t, CommandPositions positions) {
    trades++;
    for (SignedOrder s : List.of(t.maker(), t.taker())) {
      OrderMessage o = s.order();
      orders.add(s);
      touch(o.accountIndex(), positions);
      long bit = 1L << o.marketId();
      tradedMarkets.merge(o.accountIndex(), bit, (x, y) -> x | y);
      markets |= bit;
      long signed = CommandPositions.signed(o, t.quantity());
      if (Margin.increasesRisk(positions.size(o.accountIndex(), o.marketId()), signed)) {
        atRisk.add(o.accountIndex());
        riskMarkets |= bit;
      }
      if (o.expiry() != 0) {
        minExpiry = Math.min(minExpiry, o.expiry());
      }
    }
    CommandPositions.legs(t).forEach(positions::apply);
  }

  /**
   * A sweep's rows: the fund (row 0 of a batch with steps), every account a step moves (with its
   * markets before the sweep) and the makers' orders. Its accounts are not put under the end
   * checks: the circuit checks each step's own rules after them.
   */
  private void sweep(Operation.Sweep w, CommandPositions positions) {
    sweep = true;
    steps += w.steps();
    touch(Account.INSURANCE_FUND, positions);
    for (Liquidation l : w.liquidations()) {
      touch(l.account(), positions);
      l.closes().forEach(c -> orders.add(c.maker()));
    }
    w.unwinds().forEach(c -> orders.add(c.maker()));
    for (CommandPositions.Leg leg : w.legs()) {
      touch(leg.account(), positions);
      long bit = 1L << leg.market();
      tradedMarkets.merge(leg.account(), bit, (x, y) -> x | y);
      markets |= bit;
      positions.apply(leg);
    }
  }
}
