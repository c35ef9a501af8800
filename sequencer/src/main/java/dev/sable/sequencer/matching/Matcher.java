package dev.sable.sequencer.matching;

import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Ledger;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.OrderBook;
import dev.sable.sequencer.core.OrderRegistry;
import dev.sable.sequencer.event.CancelReason;

/**
 * Price-time priority matching of an incoming order against a book. Fills are at the resting
 * order's price. Self-trade prevention applies when the resting order belongs to the taker.
 */
public final class Matcher {
  private final ExchangeState state;
  private final Ledger ledger;
  private final OrderRegistry orders;
  private boolean stoppedBySelfTrade;

  public Matcher(ExchangeState state, Ledger ledger, OrderRegistry orders) {
    this.state = state;
    this.ledger = ledger;
    this.orders = orders;
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
   * @return the unfilled quantity; see {@link #stoppedBySelfTrade()}
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
    stoppedBySelfTrade = false;
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
          stoppedBySelfTrade = true;
          break;
        }
        continue;
      }
      long makerQuantity = book.quantity(makerId);
      long fill = Math.min(remaining, makerQuantity);
      Account maker = state.account(makerAccount);
      if (fill == makerQuantity) {
        orders.unrest(m, makerId);
      } else {
        orders.setQuantity(m, makerId, makerQuantity - fill);
      }
      ledger.trade(m, taker, maker, takerOrderId, makerId, buy, price, fill);
      orders.trimReduceOnly(taker, m);
      orders.trimReduceOnly(maker, m);
      remaining -= fill;
    }
    return remaining;
  }

  /** Whether the last {@link #match} stopped at the taker's own order. */
  public boolean stoppedBySelfTrade() {
    return stoppedBySelfTrade;
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
