package dev.sable.node.sequencing;

import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.sequencer.optionmarket.PositionGreeks;
import dev.sable.sequencer.options.Greeks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads of the sequencer's state for the API. Each runs on the sequencer's thread (through {@link
 * SequencerLoop#query}) and copies what it needs into immutable views. The only class of the node
 * that reads the engine's internals.
 */
public final class StateQueries {
  private StateQueries() {}

  /** The account's summary, or null if the sequencer has no such account. */
  public static Views.AccountSummary account(Sequencer s, int id) {
    Account a = s.state().account(id);
    if (a == null) {
      return null;
    }
    int positions = 0;
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      if (a.size(Long.numberOfTrailingZeros(bits)) != 0) {
        positions++;
      }
    }
    return new Views.AccountSummary(
        id,
        a.collateral(),
        s.margin().equity(a),
        s.margin().initialRequirement(a),
        s.margin().maintenanceRequirement(a),
        a.openOrderCount(),
        positions,
        a.portfolioMargin() ? "portfolio" : "cross",
        PositionGreeks.byUnderlying(s.state(), a).entrySet().stream()
            .map(
                e -> {
                  Greeks g = e.getValue();
                  return new Views.UnderlyingGreeks(
                      e.getKey(), g.delta(), g.gamma(), g.vega(), g.theta());
                })
            .toList());
  }

  public static List<Views.Position> positions(Sequencer s, int id) {
    Account a = s.state().account(id);
    List<Views.Position> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (long bits = a.activeMarkets(); bits != 0; bits &= bits - 1) {
      int m = Long.numberOfTrailingZeros(bits);
      if (a.size(m) != 0) {
        Market market = s.state().market(m);
        long pnl = Math.subtractExact(Math.multiplyExact(a.size(m), market.mark()), a.cost(m));
        out.add(
            new Views.Position(
                m,
                a.size(m),
                a.cost(m),
                a.fundingIndex(m),
                market.mark(),
                pnl,
                PositionGreeks.of(s.state(), m, a.size(m))));
      }
    }
    return out;
  }

  public static List<Views.OpenOrder> openOrders(Sequencer s, int id) {
    Account a = s.state().account(id);
    List<Views.OpenOrder> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    long[] orderIds = Arrays.stream(a.clientOrderIds()).map(a::orderId).toArray();
    Arrays.sort(orderIds);
    for (long orderId : orderIds) {
      int m = ExchangeState.marketOf(orderId);
      OrderBook book = s.state().market(m).book();
      int flags = book.flags(orderId);
      out.add(
          new Views.OpenOrder(
              m,
              orderId,
              book.clientOrderId(orderId),
              book.isBuy(orderId) ? "buy" : "sell",
              book.price(orderId),
              book.quantity(orderId),
              (flags & OrderBook.POST_ONLY) != 0,
              (flags & OrderBook.REDUCE_ONLY) != 0,
              book.expiry(orderId)));
    }
    return out;
  }

  public static List<Views.Market> markets(Sequencer s) {
    List<Views.Market> out = new ArrayList<>();
    for (Market m : s.state().markets()) {
      out.add(
          new Views.Market(
              m.id(),
              m.status().name().toLowerCase(Locale.ROOT),
              m.spec(),
              m.mark(),
              m.markValid(),
              m.fundingIndex(),
              m.isOption() ? option(m) : null));
    }
    return out;
  }

  private static Views.Option option(Market m) {
    OptionTerms t = m.option();
    return new Views.Option(
        t.underlyingMarket(),
        t.kind().name().toLowerCase(Locale.ROOT),
        t.strike(),
        t.expiry(),
        t.contractSize(),
        m.volatility(),
        m.volatilityValid());
  }

  /** Aggregated depth, at most {@code levels} per side, or null for an unknown market. */
  public static Views.Depth depth(Sequencer s, int market, int levels, long sequence) {
    Market m = s.state().market(market);
    if (m == null) {
      return null;
    }
    return new Views.Depth(
        market, sequence, side(m.book(), true, levels), side(m.book(), false, levels));
  }

  private static List<Views.Level> side(OrderBook book, boolean buy, int levels) {
    List<Views.Level> out = new ArrayList<>();
    long price = 0;
    long quantity = 0;
    int orders = 0;
    for (long id = book.best(buy); id != OrderBook.NONE; id = book.next(id)) {
      if (orders > 0 && book.price(id) != price) {
        out.add(new Views.Level(price, quantity, orders));
        if (out.size() == levels) {
          return out;
        }
        quantity = 0;
        orders = 0;
      }
      price = book.price(id);
      quantity += book.quantity(id);
      orders++;
    }
    if (orders > 0 && out.size() < levels) {
      out.add(new Views.Level(price, quantity, orders));
    }
    return out;
  }

  public static Views.Status status(Sequencer s, long applied) {
    int accounts = 0;
    for (int id = 0; id < s.state().accountBound(); id++) {
      if (s.state().account(id) != null) {
        accounts++;
      }
    }
    return new Views.Status(
        applied, HexFormat.of().formatHex(s.stateHash()), s.state().now(), accounts);
  }
}
