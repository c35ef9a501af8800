package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementRuleException;
import dev.sable.crypto.OrderMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sealing rule, command by command, on small hand-made histories. For each reason to seal
 * before a command, the batch it sealed is built, and the batch the command would have made without
 * the seal is shown refused by the builder under the rule the seal protects.
 */
class SettlementBatcherTest {
  static final long ALICE = 5;
  static final long BOB = 9;

  /** Two funded traders and a mark of 50,000 in both markets at time 100, batched and built. */
  static SequencedWorld funded(long aliceFunds) {
    SequencedWorld w = new SequencedWorld(Capacities.SMALL);
    w.time(100);
    w.deposit(ALICE, aliceFunds);
    w.deposit(BOB, 100_000_000);
    w.prices(0, 50_000);
    w.prices(1, 50_000);
    w.seal();
    w.buildAll();
    return w;
  }

  /** Alice buys 1,000 at 50,000 from Bob in market 0 (she rests, he takes). */
  static void aliceBuys(SequencedWorld w) {
    w.limit(ALICE, 0, 1, 0, 50_000, 1_000);
    w.limit(BOB, 0, 1, 1, 50_000, 1_000);
  }

  /** The batch the sealed one would have been with the operations of the given batch added. */
  static SettlementBatch merged(SettlementBatch a, SettlementBatch b, long time) {
    List<dev.sable.batch.SignedPrice> prices = new ArrayList<>(a.prices());
    prices.addAll(b.prices());
    List<dev.sable.batch.Trade> trades = new ArrayList<>(a.trades());
    trades.addAll(b.trades());
    List<dev.sable.batch.Withdrawal> withdrawals = new ArrayList<>(a.withdrawals());
    withdrawals.addAll(b.withdrawals());
    return new SettlementBatch(time, a.fundingTicks(), prices, a.deposits(), trades, withdrawals);
  }

  @Test
  void aCrossingTradeAndAWithdrawalMakeOneProvableBatch() {
    SequencedWorld w = funded(100_000_000);
    w.limit(ALICE, 0, 1, 0, 50_000, 1_000);
    w.limit(BOB, 0, 1, 1, 49_990, 600);
    w.withdraw(BOB, 1_000_000);
    assertThat(w.sealed).isEmpty();
    w.seal();
    assertThat(w.buildAll()).hasSize(1);
    SettlementBatch b = w.lastBuilt;
    assertThat(b.trades()).singleElement().satisfies(t -> assertThat(t.quantity()).isEqualTo(600));
    assertThat(b.withdrawals()).hasSize(1);
    assertThat(w.differences()).isEmpty();
  }

  /** All records stale at the next tick: the fill that added risk needs a valid mark. */
  @Test
  void aTimeTickThatLeavesARiskyFillWithoutAValidMarkSealsBeforeIt() {
    SequencedWorld w = funded(100_000_000);
    aliceBuys(w);
    w.time(161); // records of time 100, staleness 60
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.END_OF_BATCH_RULE);
    assertThat(s.batch().time()).isEqualTo(100);
    assertThat(s.batch().trades()).hasSize(1);
    assertRefused(
        w,
        s.batch(),
        new SettlementBatch(161, List.of(), List.of(), List.of(), s.batch().trades(), List.of()),
        Rule.MARK_INVALID);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  /**
   * Alice opens 1,000 at 50,000 on 5.1 million (10% margin: 5 million); the mark falls to 49,800
   * when a second source reports it: equity 4.905 million below 4.98 million.
   */
  @Test
  void aPriceThatPutsARiskyAccountBelowTheRuleSealsBeforeIt() {
    SequencedWorld w = funded(5_100_000);
    aliceBuys(w);
    w.time(101);
    w.price(0, 0, 49_800); // the median is still 50,000
    assertThat(w.sealed).isEmpty();
    w.price(0, 1, 49_800);
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.END_OF_BATCH_RULE);
    assertThat(s.batch().prices()).hasSize(1);
    w.seal();
    List<SealedBatch> both = new ArrayList<>(w.sealed);
    assertRefused(w, s.batch(), merged(s.batch(), both.get(1).batch(), 101), Rule.MARGIN);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  /** After adding risk, Alice sells 100 at 40,000 (a reduction, unchecked) and falls below. */
  @Test
  void aReductionAtALossByAnAccountAtRiskSealsBeforeIt() {
    SequencedWorld w = funded(5_100_000);
    aliceBuys(w);
    w.limit(BOB, 0, 2, 0, 40_000, 100);
    w.place(new OrderMessage(ALICE, 0, 2, 1, 2, 40_000, 100, 0, 0, 0)); // IOC sell
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.END_OF_BATCH_RULE);
    w.seal();
    assertRefused(w, s.batch(), merged(s.batch(), w.sealed.get(1).batch(), 100), Rule.MARGIN);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  @Test
  void aTickThatReachesAFilledOrdersExpirySealsBeforeIt() {
    SequencedWorld w = funded(100_000_000);
    w.place(new OrderMessage(ALICE, 0, 1, 0, 0, 50_000, 1_000, 0, 110, 0));
    w.limit(BOB, 0, 1, 1, 50_000, 400);
    w.time(110);
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.END_OF_BATCH_RULE);
    assertThat(s.batch().time()).isEqualTo(100);
    assertRefused(
        w,
        s.batch(),
        new SettlementBatch(110, List.of(), List.of(), List.of(), s.batch().trades(), List.of()),
        Rule.ORDER_EXPIRED);
  }

  /**
   * Alice holds a profit in market 0 and a loss in market 1, withdraws against the profit, then
   * closes market 1 at its loss: margin holds, but an account that withdrew must end the batch with
   * collateral >= 0.
   */
  @Test
  void aLossAfterAWithdrawalInTheSameBatchSealsBeforeIt() {
    SequencedWorld w = funded(20_000_000);
    aliceBuys(w);
    w.limit(ALICE, 1, 2, 0, 50_000, 1_000);
    w.limit(BOB, 1, 2, 1, 50_000, 1_000);
    w.time(101);
    w.prices(0, 60_000);
    w.prices(1, 40_000);
    w.seal();
    w.buildAll();
    w.withdraw(ALICE, 10_000_000);
    w.limit(BOB, 1, 3, 0, 40_000, 1_000);
    assertThat(w.sealed).isEmpty();
    w.place(new OrderMessage(ALICE, 1, 3, 1, 2, 40_000, 1_000, 0, 0, 0)); // closes at the loss
    assertThat(w.state().account((int) ALICE).collateral()).isNegative();
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.END_OF_BATCH_RULE);
    assertThat(s.batch().withdrawals()).hasSize(1);
    w.seal();
    assertRefused(
        w, s.batch(), merged(s.batch(), w.sealed.get(1).batch(), 101), Rule.WITHDRAWAL_COLLATERAL);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  /**
   * A funding tick opens a batch; ticks of the same time share it, and later operations join it
   * (the circuit applies ticks first); a tick at a later time needs a new batch.
   */
  @Test
  void fundingTicksOpenABatch() {
    SequencedWorld w = funded(100_000_000);
    aliceBuys(w);
    w.funding(0);
    assertThat(only(w.sealed).reason()).isEqualTo(SealedBatch.Reason.FUNDING_TICK);
    w.funding(1);
    w.time(3_700);
    w.prices(0, 50_100);
    assertThat(w.sealed).hasSize(1);
    w.funding(0);
    assertThat(w.sealed).hasSize(2);
    assertThat(w.sealed.get(1).reason()).isEqualTo(SealedBatch.Reason.FUNDING_TICK);
    assertThat(w.sealed.get(1).batch().fundingTicks()).hasSize(2);
    assertThat(w.sealed.get(1).batch().prices()).hasSize(3);
    w.seal();
    assertThat(w.sealed.get(2).batch().fundingTicks()).hasSize(1);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  /**
   * The reverse of the sealing rules: a resting bid the mark left underwater. The old sequencer
   * filled it (a batch the builder and the circuit refuse: MARGIN); now the fill-time check cancels
   * it instead, and the batch is provable.
   */
  @Test
  void aRestingOrderTheMarkLeftUnderwaterIsCancelledInsteadOfFilled() {
    SequencedWorld w = funded(5_100_000);
    OrderMessage bid = new OrderMessage(ALICE, 0, 1, 0, 0, 50_000, 1_000, 0, 0, 0);
    w.place(bid);
    w.time(101);
    w.prices(0, 49_500); // a fill at 50,000 now: equity 4.605 million below 4.95 million
    OrderMessage ask = new OrderMessage(BOB, 0, 1, 1, 0, 49_000, 1_000, 0, 0, 0);
    List<dev.sable.sequencer.event.Event> events = w.place(ask);
    assertThat(events)
        .anyMatch(
            e ->
                e instanceof dev.sable.sequencer.event.Event.OrderCancelled c
                    && c.account() == ALICE
                    && c.reason() == dev.sable.sequencer.event.CancelReason.MARGIN)
        .noneMatch(dev.sable.sequencer.event.Event.Fill.class::isInstance);
    w.seal();
    SettlementBatch sealed = only(w.sealed).batch();
    dev.sable.batch.Trade oldFill =
        dev.sable.batch.sample.SampleWorld.trade(
            w.world.sign(bid), w.world.sign(ask), 1_000, 50_000);
    SettlementBatch oldRules =
        new SettlementBatch(
            sealed.time(), List.of(), sealed.prices(), List.of(), List.of(oldFill), List.of());
    assertRefused(w, sealed, oldRules, Rule.MARGIN);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  @Test
  void aFullBatchIsSealedAndACommandLargerThanABatchIsSpread() {
    SequencedWorld w = funded(100_000_000);
    for (long id = 1; id <= 5; id++) {
      w.limit(BOB, 0, id, 1, 50_000 + 10 * id, 100);
    }
    assertThat(w.sealed).isEmpty();
    w.limit(ALICE, 0, 1, 0, 50_100, 500); // five fills, five makers: 6 order rows of 4
    SealedBatch first = only(w.sealed);
    assertThat(first.reason()).isEqualTo(SealedBatch.Reason.CAPACITY);
    assertThat(first.batch().trades()).hasSize(3);
    w.seal();
    assertThat(w.sealed.get(1).batch().trades()).hasSize(2);
    assertThat(w.sealed.get(1).firstSequence()).isEqualTo(first.lastSequence());
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  /**
   * Alice and Bob hold positions in 8 markets; Alice closes one and opens a ninth: never more than
   * 8 positions at once, but 9 markets in one batch for 8 slots (a slot closed in a batch is free
   * only in the next): sealed between the two.
   */
  @Test
  void aNinthPositionSlotInOneBatchSealsBeforeIt() {
    SequencedWorld w =
        new SequencedWorld(Capacities.slots(10, 3, 4, 3, 4, 3, 2).build(), Long.MAX_VALUE, 10);
    w.time(100);
    w.deposit(ALICE, 1_000_000_000);
    w.deposit(BOB, 1_000_000_000);
    for (int m = 0; m < 10; m++) {
      w.prices(m, 50_000);
    }
    for (int m = 0; m < 8; m++) {
      w.limit(ALICE, m, 10 + m, 0, 50_000, 100);
      w.limit(BOB, m, 10 + m, 1, 50_000, 100);
    }
    w.seal();
    w.buildAll();
    w.limit(BOB, 0, 30, 0, 50_000, 100);
    w.place(new OrderMessage(ALICE, 0, 30, 1, 2, 50_000, 100, 0, 0, 0)); // closes market 0
    w.limit(BOB, 8, 31, 1, 50_000, 100);
    assertThat(w.sealed).isEmpty();
    w.limit(ALICE, 8, 31, 0, 50_000, 100); // opens market 8
    SealedBatch s = only(w.sealed);
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.CAPACITY);
    w.seal();
    assertRefused(
        w, s.batch(), merged(s.batch(), w.sealed.get(1).batch(), 100), Rule.POSITION_SLOTS);
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  @Test
  void aBatchIsSealedAfterItsMaximumAge() {
    SequencedWorld w = new SequencedWorld(Capacities.SMALL, 50, 2);
    w.time(100);
    w.deposit(ALICE, 1_000);
    w.time(149);
    assertThat(w.sealed).isEmpty();
    w.time(150);
    assertThat(only(w.sealed).reason()).isEqualTo(SealedBatch.Reason.AGE);
    assertThat(w.sealed.get(0).batch().time()).isEqualTo(150);
  }

  @Test
  void aRefundedDepositIsInTheBatchWithItsRefundBit() {
    SequencedWorld w = funded(100_000_000);
    w.deposit(ALICE, 7, dev.sable.state.settlement.KeyPoint.of(w.world.trader(BOB).publicKey()));
    w.seal();
    assertThat(w.sealed.get(0).batch().deposits())
        .singleElement()
        .satisfies(d -> assertThat(d.refund()).isTrue());
    w.buildAll();
    assertThat(w.differences()).isEmpty();
  }

  static SealedBatch only(List<SealedBatch> sealed) {
    assertThat(sealed).hasSize(1);
    return sealed.get(0);
  }

  /** The sealed batch builds; the one it would have been without the seal breaks the rule. */
  static void assertRefused(
      SequencedWorld w, SettlementBatch sealed, SettlementBatch unsealed, Rule rule) {
    assertThat(w.world.build(sealed)).isNotNull();
    assertThatThrownBy(() -> w.world.build(unsealed))
        .isInstanceOfSatisfying(
            SettlementRuleException.class, e -> assertThat(e.breaks(rule)).as("%s", e).isTrue());
  }
}
