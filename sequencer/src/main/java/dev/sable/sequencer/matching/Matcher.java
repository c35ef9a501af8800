package dev.sable.sequencer.matching;

import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Ledger;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.core.OrderRegistry;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.margin.Margin;

/**
 * Price-time priority matching of an incoming order against a book. Fills are at the resting
 * order's price. Self-trade prevention applies when the resting order belongs to the taker. Before
 * each fill, each side that the fill puts at more risk must meet the margin rule after it ({@link
 * Margin#fillAllowed}): a taker that does not stops matching, a maker that does not is cancelled
 * ({@link CancelReason#MARGIN}) and matching goes on.
 */
public final class Matcher {
  private final ExchangeState state;
  private final Ledger ledger;
  private final OrderRegistry orders;
  private final Margin margin;
  private CancelReason stopReason;

  public Matcher(ExchangeState state, Ledger ledger, OrderRegistry orders, Margin margin) {
    this.state = state;
    this.ledger = ledger;
    this.orders = orders;
    this.margin = margin;
  }

  /** Whether a price crosses the best opposite order (a buy at or above the best ask, ...). */
  public static boolean crosses(OrderBook book, boolean buy, long price) {
    long best = book.bestPrice(!buy);
    return best != OrderBook.NONE && reaches(buy, price, best);
  }

  private static boolean reaches(boolean buy, long limit, long restingPrice) {
    return buy ? restingPrice <= limit : restingPrice >= limit;
  }

  /**
   * Matches up to {@code quantity} against the opposite side at prices no worse than {@code limit}.
   *
   * @return the unfilled quantity; see {@link #stopReason()}
   */
  public long match(
      Market m,
      Account taker,
      long takerOrderId,
      boolean buy,
      long limit,
      long quantity,
      StpMode stp) {
    OrderBook book = m.book();
    long remaining = quantity;
    stopReason = null;
    while (remaining > 0) {
      long makerId = book.best(!buy);
      if (makerId == OrderBook.NONE) {
        break;
      }
      long price = book.price(makerId);
      if (!reaches(buy, limit, price)) {
        break;
      }
      int makerAccount = book.account(makerId);
      if (makerAccount == taker.id()) {
        if (stp != StpMode.CANCEL_TAKER) {
          orders.cancel(m, makerId, CancelReason.SELF_TRADE);
        }
        if (stp != StpMode.CANCEL_MAKER) {
          stopReason = CancelReason.SELF_TRADE;
          break;
        }
        continue;
      }
      long makerQuantity = book.quantity(makerId);
      long fill = Math.min(remaining, makerQuantity);
      Account maker = state.account(makerAccount);
      // The fees are computed once, for both checks and the trade.
      long notional = Math.multiplyExact(price, fill);
      long takerFee = m.spec().takerFee(notional);
      long makerFee = m.spec().makerFee(notional);
      if (!margin.fillAllowed(taker, m, buy ? fill : -fill, price, takerFee)) {
        stopReason = CancelReason.MARGIN;
        break;
      }
      if (!margin.fillAllowed(maker, m, buy ? -fill : fill, price, makerFee)) {
        orders.cancel(m, makerId, CancelReason.MARGIN);
        continue;
      }
      orders.recordFill(maker, book.clientOrderId(makerId));
      if (fill == makerQuantity) {
        orders.unrest(m, makerId);
      } else {
        orders.setQuantity(m, makerId, makerQuantity - fill);
      }
      ledger.trade(m, taker, maker, takerOrderId, makerId, buy, price, fill, takerFee, makerFee);
      orders.trimReduceOnly(taker, m);
      orders.trimReduceOnly(maker, m);
      remaining -= fill;
    }
    return remaining;
  }

  /**
   * Why the last {@link #match} stopped before its limit: {@link CancelReason#SELF_TRADE} at the
   * taker's own order, {@link CancelReason#MARGIN} at a fill the taker's margin does not allow;
   * null if it ran out of quantity or of orders within the limit.
   */
  public CancelReason stopReason() {
    return stopReason;
  }

  /**
   * How much of {@code needed} would fill now up to {@code limit}, given the self-trade mode (own
   * orders are skipped under cancel-maker and stop matching otherwise). Used by fill-or-kill.
   */
  public static long fillable(
      OrderBook book, int account, boolean buy, long limit, long needed, StpMode stp) {
    long total = 0;
    for (long id = book.best(!buy);
        id != OrderBook.NONE && total < needed && reaches(buy, limit, book.price(id));
        id = book.next(id)) {
      if (book.account(id) == account) {
        if (stp != StpMode.CANCEL_MAKER) {
          break;
        }
        continue;
      }
      total += book.quantity(id);
    }
    return Math.min(total, needed);
  }

  /**
   * Impact price of one side: the average price of filling {@code quantity} from the best order
   * down, rounded down for bids and up for asks; {@link OrderBook#NONE} if the side is too thin.
   */
  public static long impactPrice(OrderBook book, boolean bidSide, long quantity) {
    long remaining = quantity;
    long notional = 0;
    for (long id = book.best(bidSide); id != OrderBook.NONE && remaining > 0; id = book.next(id)) {
      long take = Math.min(remaining, book.quantity(id));
      notional = Math.addExact(notional, Math.multiplyExact(take, book.price(id)));
      remaining -= take;
    }
    if (remaining > 0) {
      return OrderBook.NONE;
    }
    return bidSide ? Math.floorDiv(notional, quantity) : Math.ceilDiv(notional, quantity);
  }
}
