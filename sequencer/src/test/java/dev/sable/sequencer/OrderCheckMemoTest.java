package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The order check keeps each account's equity and exposure between checks (Margin's memo, stamped
 * with the account's value version and the state's price epoch). Its decisions must be those of a
 * check that sums everything again: the property compares them along random command streams, and
 * one test per thing that moves equity (deposit, withdrawal, fill, mark, funding) shows a decision
 * that a memo kept across that change would have got wrong.
 */
class OrderCheckMemoTest {
  private static final int TRADER = 1;

  /**
   * After every command of a random stream (fills with fees and rebates, deposits, withdrawals,
   * marks, funding, liquidation sweeps, settlements), every account's risk-increasing probe orders
   * in every market, at quantities around its margin edge, are decided the same by the sequencer's
   * own margin (its memo warmed by the stream and by earlier probes) and by a fresh one that
   * computes everything anew.
   */
  @Property(tries = 25)
  void theMemoDecidesEveryOrderAsAFreshCheck(@ForAll long seed) {
    TestExchange x = new TestExchange();
    ExchangeState state = x.seq.state();
    RandomCommands commands = new RandomCommands(seed, 3, 10, true, state);
    for (int i = 0; i < 1_500; i++) {
      x.apply(commands.next());
      Margin fresh = new Margin(state);
      for (int id = 1; id < state.accountBound(); id++) {
        Account a = state.account(id);
        if (a != null) {
          for (Market m : state.markets()) {
            probe(x.seq.margin(), fresh, a, m);
          }
        }
      }
    }
  }

  /** Buys and sells at the mark and a tick off it, around the quantity the free equity allows. */
  private static void probe(Margin memoized, Margin fresh, Account a, Market m) {
    long mark = m.mark() - m.mark() % RandomCommands.TICK;
    if (mark <= RandomCommands.TICK) {
      return;
    }
    long free = fresh.equity(a) - fresh.initialRequirement(a);
    long perUnit = Math.ceilDiv(mark * m.spec().initialMarginPpm(), 1_000_000);
    long edge = Math.max(0, free / perUnit / RandomCommands.LOT) * RandomCommands.LOT;
    for (long q : new long[] {edge, edge + RandomCommands.LOT, edge + 2 * RandomCommands.LOT}) {
      long quantity = Math.clamp(q, RandomCommands.LOT, m.spec().maxPosition());
      for (long price : new long[] {mark, mark + RandomCommands.TICK, mark - RandomCommands.TICK}) {
        for (boolean buy : new boolean[] {true, false}) {
          assertThat(memoized.checkOrder(a, m, buy, price, quantity, 0, true))
              .as("account %d market %d %s %d at %d", a.id(), m.id(), buy, quantity, price)
              .isEqualTo(fresh.checkOrder(a, m, buy, price, quantity, 0, true));
        }
      }
    }
  }

  /**
   * The trader, long 100 at 1,000 (IM 10%, no fees), with {@code deposit} of collateral: its equity
   * is the deposit; a buy of q more at the mark needs {@code (100 + q) * 100}.
   */
  private static TestExchange longHundred(long deposit) {
    TestExchange x = new TestExchange();
    x.feelessMarket(1_000);
    x.deposit(TRADER, deposit);
    x.deposit(2, 1L << 40);
    x.deposit(3, 1L << 40);
    x.limit(2, 0, 1, SELL, 1_000, 100);
    assertThat(x.limit(TRADER, 0, 1, BUY, 1_000, 100)).isNotEmpty();
    assertThat(x.account(TRADER).size(0)).isEqualTo(100);
    return x;
  }

  /** An IOC buy at the mark with nothing to fill against: checked, then its remainder dropped. */
  private static RejectReason buyProbe(TestExchange x, long clientOrderId, long price, long qty) {
    return x.rejection(
        new Command.PlaceOrder(
            TRADER,
            0,
            clientOrderId,
            BUY,
            OrderType.IOC,
            price,
            qty,
            false,
            0,
            StpMode.CANCEL_TAKER));
  }

  @Test
  void aDepositInvalidatesTheMemo() {
    TestExchange x = longHundred(20_000);
    assertThat(buyProbe(x, 10, 1_000, 101)).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    x.deposit(TRADER, 100); // equity 20,100 >= 201 * 100; the kept 20,000 would refuse
    assertThat(buyProbe(x, 11, 1_000, 101)).isNull();
  }

  @Test
  void aWithdrawalInvalidatesTheMemo() {
    TestExchange x = longHundred(20_100);
    assertThat(buyProbe(x, 10, 1_000, 101)).isNull();
    assertThat(TestExchange.reason(x.withdraw(TRADER, 100))).isNull();
    // equity 20,000 < 201 * 100; the kept 20,100 would accept
    assertThat(buyProbe(x, 11, 1_000, 101)).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
  }

  @Test
  void aMarkMoveInvalidatesTheMemo() {
    TestExchange x = longHundred(20_000);
    assertThat(buyProbe(x, 10, 1_000, 100)).isNull();
    x.oracle(0, 999);
    // equity 20,000 - 100 = 19,900 < ceil(200 * 999 * 10%) = 19,980; the kept 20,000 would accept
    assertThat(buyProbe(x, 11, 999, 100)).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
  }

  @Test
  void aFillInvalidatesTheMemo() {
    TestExchange x = longHundred(20_000);
    assertThat(buyProbe(x, 10, 1_000, 115)).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    // The trader sells 10 at 1,100 (mark 1,000): +1,000 realized, size 90.
    assertThat(x.limit(TRADER, 0, 2, SELL, 1_100, 10)).isNotEmpty();
    assertThat(x.limit(3, 0, 1, BUY, 1_100, 10)).isNotEmpty();
    assertThat(x.account(TRADER).size(0)).isEqualTo(90);
    // equity 21,000 >= 205 * 100 = 20,500; the kept 20,000 would refuse
    assertThat(buyProbe(x, 11, 1_000, 115)).isNull();
  }

  @Test
  void aFundingTickInvalidatesTheMemo() {
    TestExchange x = new TestExchange();
    int m = x.feelessMarket(10_001);
    x.deposit(TRADER, 101_500);
    x.deposit(2, 1L << 40);
    x.deposit(3, 1L << 40);
    x.limit(2, m, 1, SELL, 10_001, 100);
    x.limit(TRADER, m, 1, BUY, 10_001, 100); // long 100 at the mark: equity 101,500
    x.limit(3, m, 1, BUY, 10_050, 10); // impact bid above the index: longs pay
    // q = 1 more needs ceil(101 * 10,001 * 10%) = 101,011
    assertThat(buyProbe(x, 10, 10_001, 1)).isNull();
    x.apply(new Command.FundingTick(m)); // index + 1,000 * 10,001: the long owes 1,001
    assertThat(x.seq.margin().equity(x.account(TRADER))).isEqualTo(101_500 - 1_001);
    // equity 100,499 < 101,011; the kept 101,500 would accept
    assertThat(buyProbe(x, 11, 10_001, 1)).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
  }
}
