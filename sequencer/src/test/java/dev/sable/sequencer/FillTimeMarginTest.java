package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.CancelReason;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.Event.Fill;
import dev.sable.sequencer.event.Event.OrderCancelled;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fill-time margin check (docs/settlement.md, "What the sequencer and the batch builder must
 * do", item 1): a fill that puts an account at more risk happens only if, after it, the account
 * meets the margin rule at the current marks on its positions, and with a valid mark; otherwise the
 * resting order is cancelled and an incoming one stops. Feeless market, initial margin 10%.
 */
class FillTimeMarginTest {
  private TestExchange x;
  private int m;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    m = x.feelessMarket(1_000);
    x.deposit(1, 10_000); // exactly 10% of 100 at 1_000
    x.deposit(2, 10_000_000);
    x.deposit(3, 10_000_000);
  }

  private Account account(int id) {
    return x.account(id);
  }

  private boolean meetsTheRule(int id) {
    Account a = account(id);
    return x.seq.margin().equity(a) >= x.seq.margin().positionRequirement(a);
  }

  /** The mark fell while a bid rested: filling it now would leave its account below the rule. */
  @Test
  void aRestingOrderThatWouldBreakTheRuleIsCancelledInsteadOfFilled() {
    x.limit(1, m, 1, BUY, 1_000, 100); // accepted at mark 1_000
    x.limit(3, m, 1, BUY, 990, 100);
    x.oracle(m, 900);
    List<Event> events = x.limit(2, m, 1, SELL, 950, 100);
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .containsExactly(new OrderCancelled(1, m, orderId(events, 1), 1, 100, CancelReason.MARGIN));
    // equity after would be 10_000 + 100 * (900 - 1_000) = 0, below 9_000: cancelled; the next
    // bid (account 3's) fills
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::maker).containsExactly(3);
    assertThat(account(1).size(m)).isZero();
    assertThat(account(1).openBuy(m)).isZero();
  }

  /**
   * An account keeps its sums over its other markets between matches, but not past a mark move.
   * Account 1's long in another market loses 4_000 between two matches: its second bid, which the
   * sums of the first match (made before the loss) would let fill, is cancelled.
   */
  @Test
  void aMakersOtherMarketsAreSummedAfreshAfterAMarkMoves() {
    int n = x.feelessMarket(1_000);
    x.limit(2, n, 1, SELL, 1_000, 50);
    x.limit(1, n, 1, BUY, 1_000, 50); // account 1: long 50 in n, requirement 5_000
    x.limit(1, m, 2, BUY, 1_000, 10);
    x.limit(1, m, 3, BUY, 1_000, 10); // requirement with both bids 7_000 <= 10_000
    assertThat(TestExchange.of(x.limit(2, m, 2, SELL, 1_000, 10), Fill.class)).hasSize(1);
    x.oracle(n, 920);
    // equity 10_000 - 50 * 80 = 6_000; after a second fill the rule needs 4_600 + 2_000; with n's
    // sums from before the loss it would see 10_000 - 5_000 against 2_000
    List<Event> events = x.limit(2, m, 3, SELL, 1_000, 10);
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, CancelReason.MARGIN));
    assertThat(account(1).size(m)).isEqualTo(10);
  }

  /**
   * Nor past a change of another market's position that needed no check. Account 1 is long 50 in n
   * bought at 1_000, marked at 1_200 (value 10_000, requirement 6_000: its term +4_000), and fills
   * a bid in m (its sums kept for m). It then sells the long at 1_000, below the mark: a pure
   * reduction, so no check, realizing 0. Its other bid in m, 100 on a long of 10, needs equity
   * 10_000 - 1_000 >= 10_000 after: it is cancelled; the sums kept from before the sale (n's +4_000
   * still in them) would let it fill.
   */
  @Test
  void aMakersSumsAreDroppedWhenAnotherMarketsPositionChanges() {
    int n = x.feelessMarket(1_000);
    x.limit(2, n, 1, SELL, 1_000, 50);
    x.limit(1, n, 1, BUY, 1_000, 50);
    x.oracle(n, 1_200);
    x.limit(1, m, 2, BUY, 1_000, 10);
    x.limit(1, m, 3, BUY, 1_000, 100); // requirement 6_000 + 11_000 <= equity 20_000
    assertThat(TestExchange.of(x.limit(2, m, 2, SELL, 1_000, 10), Fill.class)).hasSize(1);
    x.limit(3, n, 1, BUY, 1_000, 50);
    List<Event> sale = x.order(1, n, 4, SELL, OrderType.IOC, 1_000, 50);
    assertThat(TestExchange.of(sale, Fill.class)).hasSize(1);
    assertThat(account(1).size(n)).isZero();
    assertThat(account(1).collateral()).isEqualTo(10_000);
    List<Event> events = x.order(2, m, 3, SELL, OrderType.IOC, 1_000, 100);
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::reason)
        .contains(org.assertj.core.groups.Tuple.tuple(1, CancelReason.MARGIN));
    assertThat(account(1).size(m)).isEqualTo(10);
  }

  /**
   * The same for a taker: account 4 buys in market m (its sums made), its long in n loses 2_000,
   * then an order hedged by its own bid (no placement check) flips its long in m; the flipping fill
   * needs 7_000 - 2_000 - 4_800 - 1_000 >= 0 and stops, which the sums from before would allow.
   */
  @Test
  void aTakersOtherMarketsAreSummedAfreshAfterAMarkMoves() {
    int n = x.feelessMarket(1_000);
    x.deposit(4, 7_000);
    x.limit(2, n, 1, SELL, 1_000, 50);
    x.limit(4, n, 1, BUY, 1_000, 50); // long 50 in n, requirement 5_000
    x.limit(2, m, 2, SELL, 1_000, 10);
    assertThat(TestExchange.of(x.limit(4, m, 2, BUY, 1_000, 10), Fill.class)).hasSize(1);
    x.limit(4, m, 3, BUY, 600, 10); // worst case 20: requirement 7_000
    x.limit(3, m, 1, BUY, 1_000, 20);
    x.oracle(n, 960);
    List<Event> events = x.order(4, m, 4, SELL, OrderType.IOC, 1_000, 20);
    assertThat(TestExchange.reason(events)).isNull();
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::remaining, OrderCancelled::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 20L, CancelReason.MARGIN));
    assertThat(account(4).size(m)).isEqualTo(10);
  }

  /**
   * Each side's check counts its own fee: a maker fills at the rule thanks to its rebate, which the
   * taker's fee would not allow. Maker rebate 1%, taker fee 2%. Account 5's bid of 100 at 1_000 is
   * placed at mark 1_000 (12_600 >= 10_000 + fees 2_100); at mark 960 its fill needs 12_600 - 100 *
   * 40 + 1_000 (rebate) >= 9_600: exactly met (with the taker's fee, 6_600).
   */
  @Test
  void aMakersCheckCountsItsRebateNotTheTakersFee() {
    int f = x.market(TestExchange.spec(-10_000, 20_000), 1_000);
    x.deposit(5, 12_600);
    x.limit(5, f, 1, BUY, 1_000, 100);
    x.oracle(f, 960);
    List<Event> events = x.limit(2, f, 1, SELL, 1_000, 100);
    assertThat(TestExchange.of(events, Fill.class))
        .extracting(Fill::maker, Fill::quantity, Fill::takerFee, Fill::makerFee)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5, 100L, 2_000L, -1_000L));
    assertThat(TestExchange.of(events, OrderCancelled.class)).isEmpty();
  }

  /** One unit less and the same maker's fill would leave it below the rule: it is cancelled. */
  @Test
  void aMakerOneUnitShortOfTheRuleWithItsRebateIsCancelled() {
    int f = x.market(TestExchange.spec(-10_000, 20_000), 1_000);
    x.deposit(5, 12_599);
    x.limit(5, f, 1, BUY, 1_000, 100);
    x.oracle(f, 960);
    List<Event> events = x.limit(2, f, 1, SELL, 1_000, 100);
    assertThat(TestExchange.of(events, Fill.class)).isEmpty();
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5, CancelReason.MARGIN));
  }

  private static long orderId(List<Event> events, int account) {
    return TestExchange.of(events, OrderCancelled.class).stream()
        .filter(c -> c.account() == account)
        .findFirst()
        .orElseThrow()
        .orderId();
  }

  @Test
  void aRestingOrderFillsWhenTheAccountStillMeetsTheRule() {
    x.limit(1, m, 1, BUY, 1_000, 50);
    x.oracle(m, 980); // after a fill of 50 at 1_000: equity 9_000 >= 4_900
    List<Event> events = x.limit(2, m, 1, SELL, 1_000, 50);
    assertThat(TestExchange.of(events, Fill.class)).hasSize(1);
    assertThat(meetsTheRule(1)).isTrue();
  }

  /** A stale mark: a fill that adds risk needs a valid mark, even if the account is rich. */
  @Test
  void aRestingOrderIsCancelledWhenTheMarkIsInvalid() {
    x.limit(2, m, 1, SELL, 1_000, 20);
    x.limit(3, m, 1, BUY, 1_000, 20); // account 3: long 20
    x.limit(2, m, 2, BUY, 1_000, 10); // account 2 reduces its short: always allowed
    x.limit(1, m, 1, BUY, 990, 10); // account 1 would add risk
    x.apply(new Command.TimeTick(x.seq.state().now() + 101)); // every record stale
    assertThat(x.seq.state().market(m).markValid()).isFalse();
    // account 3 sells its long (a reduction: no mark needed to place it) into both bids
    List<Event> events = x.order(3, m, 2, SELL, OrderType.IOC, 990, 20);
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::maker).containsExactly(2);
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, CancelReason.MARGIN),
            org.assertj.core.groups.Tuple.tuple(3, CancelReason.IOC_REMAINDER));
  }

  /** A pure reduction needs neither: an account below the rule can always reduce. */
  @Test
  void aPureReductionIsNeverStopped() {
    x.limit(2, m, 1, SELL, 1_000, 100);
    x.limit(1, m, 1, BUY, 1_000, 100); // account 1: long 100 at 1_000, exactly at the rule
    x.limit(1, m, 2, SELL, 1_000, 100); // resting, reduces
    x.oracle(m, 950); // account 1 below the rule now: equity 5_000 < 9_500
    assertThat(meetsTheRule(1)).isFalse();
    List<Event> events = x.limit(3, m, 1, BUY, 1_000, 100);
    assertThat(TestExchange.of(events, Fill.class)).extracting(Fill::maker).containsExactly(1);
    assertThat(account(1).size(m)).isZero();
  }

  /**
   * An incoming order hedged by its account's open orders passes the placement check without a risk
   * check, yet its fills can flip the position: the flipping fill is checked, and the order stops
   * there, its rest cancelled.
   */
  @Test
  void anIncomingOrderStopsAtAFillThatWouldBreakTheRule() {
    x.deposit(4, 2_000);
    x.limit(2, m, 1, SELL, 1_000, 10);
    x.limit(4, m, 1, BUY, 1_000, 10); // long 10
    x.limit(4, m, 2, BUY, 600, 10); // open buy 10: worst case 20, requirement 2_000 at 1_000
    x.limit(3, m, 2, BUY, 800, 10);
    x.limit(3, m, 3, BUY, 790, 10);
    x.oracle(m, 800); // account 4: equity 2_000 - 10 * 200 = 0
    // worst case before and after: max(|10 + 10|, |10 - 20|) = 20, so no placement risk check
    List<Event> events = x.order(4, m, 4, SELL, OrderType.IOC, 700, 20);
    assertThat(TestExchange.reason(events)).isNull();
    // the first fill closes the long at 800 (a pure reduction); the second would open a short of
    // 10 at 790: equity 0 - 10 * (800 - 790) = -100 below 800, so the order stops there
    assertThat(TestExchange.of(events, Fill.class))
        .extracting(Fill::price, Fill::quantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(800L, 10L));
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::account, OrderCancelled::remaining, OrderCancelled::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4, 10L, CancelReason.MARGIN));
    assertThat(account(4).size(m)).isZero();
    assertThat(account(3).openBuy(m)).isEqualTo(10); // the maker's order stays
  }

  /** A resting GTC order stopped by the check does not rest its remainder either. */
  @Test
  void aStoppedLimitOrderDoesNotRest() {
    x.deposit(4, 2_000);
    x.limit(2, m, 1, SELL, 1_000, 10);
    x.limit(4, m, 1, BUY, 1_000, 10);
    x.limit(4, m, 2, BUY, 600, 10);
    x.limit(3, m, 2, BUY, 800, 10);
    x.limit(3, m, 3, BUY, 790, 10);
    x.oracle(m, 800);
    List<Event> events = x.limit(4, m, 4, SELL, 700, 20);
    assertThat(TestExchange.of(events, OrderCancelled.class))
        .extracting(OrderCancelled::reason)
        .containsExactly(CancelReason.MARGIN);
    assertThat(account(4).openSell(m)).isZero();
  }
}
