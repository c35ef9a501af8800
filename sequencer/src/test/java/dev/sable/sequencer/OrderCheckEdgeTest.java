package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The cross-margin order check ({@link Margin#checkOrder}) decides each order exactly as the rule
 * says, summed here independently (a guard for any faster way of computing it): an account holding
 * a long in market 0 and a short in market 1 (marks moved since, so it has PnL), maybe resting
 * orders in market 1, places or amends a risk-increasing order at the mark (no fees, so no loss and
 * no fee term) in a held market or a third, untouched one (a market entering the sum); it is
 * accepted exactly when equity >= sum over markets of ceil(worst position * mark * 10%), the order
 * counted, and refused {@code INSUFFICIENT_MARGIN} otherwise. The quantities are drawn around the
 * edge, so both outcomes occur.
 */
class OrderCheckEdgeTest {
  private static final int TRADER = 1;
  private static final long IM_PPM = 100_000;
  private static final long[] MARKS = {1_000, 2_000, 500};

  @Property(tries = 300)
  void ordersAndAmendsAreAcceptedExactlyAtTheMarginEdge(
      @ForAll @LongRange(min = 20_000, max = 400_000) long deposit,
      @ForAll @IntRange(min = 1, max = 60) int longSize,
      @ForAll @IntRange(min = 1, max = 60) int shortSize,
      @ForAll @IntRange(min = 500, max = 1_500) int mark0,
      @ForAll @IntRange(min = 1_000, max = 3_000) int mark1,
      @ForAll @IntRange(min = 0, max = 40) int resting,
      @ForAll @IntRange(min = 0, max = 2) int market,
      @ForAll boolean buy,
      @ForAll boolean amend,
      @ForAll @IntRange(min = 0, max = 40) int spread) {
    TestExchange x = new TestExchange();
    for (long mark : MARKS) {
      x.feelessMarket(mark);
    }
    x.deposit(TRADER, deposit);
    x.deposit(2, 1L << 40);
    x.deposit(3, 1L << 40);
    assertThat(x.rejection(Command.PlaceOrder.limit(2, 0, 1, SELL, MARKS[0], longSize))).isNull();
    assertThat(x.rejection(Command.PlaceOrder.limit(TRADER, 0, 1, BUY, MARKS[0], longSize)))
        .isNull();
    assertThat(x.rejection(Command.PlaceOrder.limit(3, 1, 1, BUY, MARKS[1], shortSize))).isNull();
    assertThat(x.rejection(Command.PlaceOrder.limit(TRADER, 1, 2, SELL, MARKS[1], shortSize)))
        .isNull();
    x.oracle(0, mark0);
    x.oracle(1, mark1);
    long[] marks = {mark0, mark1, MARKS[2]};
    // A resting sell far above the mark (if the margin allows it): it counts in market 1's worst.
    boolean rests =
        resting > 0
            && x.rejection(Command.PlaceOrder.limit(TRADER, 1, 3, SELL, 2 * mark1, resting))
                == null;
    Account a = x.account(TRADER);
    BigInteger equity = BigInteger.valueOf(a.collateral());
    for (int m = 0; m < 2; m++) {
      equity =
          equity
              .add(BigInteger.valueOf(a.size(m)).multiply(BigInteger.valueOf(marks[m])))
              .subtract(BigInteger.valueOf(a.cost(m)));
    }
    // The quantity that leaves the account exactly at the edge, give or take the spread.
    long free = equity.longValueExact() - requirement(a, marks, -1, 0, false);
    long perUnit = Math.ceilDiv(marks[market] * IM_PPM, 1_000_000);
    long quantity = Math.max(1, free / perUnit + Math.abs(longSize - shortSize) + spread - 20);
    long price = marks[market];
    // An amend moves the resting sell down to the mark (a worse price: always checked).
    boolean amended = amend && market == 1 && rests && !buy;
    Command order =
        amended
            ? TestExchange.amendOf(TRADER, 3, price, quantity)
            : Command.PlaceOrder.limit(TRADER, market, 10, buy ? BUY : SELL, price, quantity);
    long added = amended ? quantity - resting : quantity;
    boolean increases = worst(a, market, added, buy) > worst(a, market, 0, false);
    boolean covered =
        equity.compareTo(BigInteger.valueOf(requirement(a, marks, market, added, buy))) >= 0;
    RejectReason got = x.rejection(order);
    assertThat(got)
        .isEqualTo(!increases && !amended || covered ? null : RejectReason.INSUFFICIENT_MARGIN);
  }

  /** Worst-case |position| of a market with {@code added} more open on one side. */
  private static long worst(Account a, int market, long added, boolean buy) {
    long openBuy = a.openBuy(market) + (buy ? added : 0);
    long openSell = a.openSell(market) + (buy ? 0 : added);
    return Margin.worstPosition(a.size(market), openBuy, openSell);
  }

  /** Sum over the three markets of ceil(worst * mark * 10%), market {@code changed} with more. */
  private static long requirement(Account a, long[] marks, int changed, long added, boolean buy) {
    long total = 0;
    for (int m = 0; m < marks.length; m++) {
      long w = m == changed ? worst(a, m, added, buy) : worst(a, m, 0, false);
      total += Math.ceilDiv(w * marks[m] * IM_PPM, 1_000_000);
    }
    return total;
  }
}
