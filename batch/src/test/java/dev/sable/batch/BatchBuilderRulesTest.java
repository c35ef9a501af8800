package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.state.settlement.KeyPoint;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every settlement rule, attacked: each test hands the builder a batch that breaks one rule (the
 * forgeries of docs/settlement.md's suite, at the builder's door) and shows that the builder
 * refuses it naming that rule, and that the state did not move. Go's forgery suite shows the
 * circuit refusing the same witnesses; here Java refuses to produce them.
 */
class BatchBuilderRulesTest {
  static final long BTC = 3;
  static final long ETH = 7;
  static final long ALICE = 5;
  static final long BOB = 9;
  static final long T = 130; // batch time of the attacks: the first batch's prices are fresh

  /** Alice and Bob funded; BTC and ETH priced at time 100. */
  static SampleWorld funded() {
    SampleWorld w = new SampleWorld(Capacities.SMALL, BTC, ETH);
    w.apply(
        new SettlementBatch(
            100,
            List.of(),
            List.of(
                w.price(BTC, 0, 50_000, 95),
                w.price(BTC, 1, 50_100, 98),
                w.price(ETH, 2, 3_000, 99)),
            List.of(w.deposit(ALICE, 100_000_000), w.deposit(BOB, 80_000_000)),
            List.of(),
            List.of()));
    return w;
  }

  static SettlementBatch trades(long time, Trade... trades) {
    return new SettlementBatch(time, List.of(), List.of(), List.of(), List.of(trades), List.of());
  }

  static SettlementBatch withdrawals(long time, List<Trade> trades, Withdrawal... withdrawals) {
    return new SettlementBatch(time, List.of(), List.of(), List.of(), trades, List.of(withdrawals));
  }

  static SettlementBatch prices(long time, SignedPrice... prices) {
    return new SettlementBatch(time, List.of(), List.of(prices), List.of(), List.of(), List.of());
  }

  static SettlementBatch ticks(long time, FundingTick... ticks) {
    return new SettlementBatch(time, List.of(ticks), List.of(), List.of(), List.of(), List.of());
  }

  static SettlementBatch deposits(long time, Deposit... deposits) {
    return new SettlementBatch(time, List.of(), List.of(), List.of(deposits), List.of(), List.of());
  }

  /** Alice buys q from Bob at 50,000 in BTC. */
  static Trade aliceBuys(SampleWorld w, long q) {
    return cross(w, 50_000, q, 50_000, q, q, 50_000);
  }

  /** Alice's bid (order 1, BTC) filled by Bob's ask (order 1) for q at price. */
  static Trade cross(
      SampleWorld w, long bid, long bidQty, long ask, long askQty, long q, long price) {
    return SampleWorld.trade(
        w.order(ALICE, BTC, 1, 0, bid, bidQty), w.order(BOB, BTC, 1, 1, ask, askQty), q, price);
  }

  /** The builder refuses the batch, naming the rule, and the state stays where it was. */
  static void refused(SampleWorld w, SettlementBatch b, Rule rule) {
    Fr root = w.state().root();
    long number = w.state().batchNumber();
    assertThatThrownBy(() -> w.build(b))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> {
              assertThat(e.breaks(rule)).as("%s names %s", e.getMessage(), rule.id()).isTrue();
              assertThat(e.getMessage()).startsWith("batch " + (number + 1) + " breaks");
            });
    assertThat(w.state().root()).isEqualTo(root);
    assertThat(w.state().batchNumber()).isEqualTo(number);
  }

  @Test
  void theHonestVersionsOfTheAttacksAreAccepted() {
    SampleWorld w = funded();
    BuiltBatch built = w.apply(trades(T, aliceBuys(w, 1_000)));
    assertThat(built.number()).isEqualTo(2);
    assertThat(w.state().account(ALICE).orElseThrow().slots().get(0).size()).isEqualTo(1_000);
    w.apply(withdrawals(T + 1, List.of(), w.withdraw(ALICE, 1_000_000)));
    w.apply(ticks(T + 2, new FundingTick(BTC, 2_000)));
    assertThat(w.state().market(BTC).orElseThrow().funded()).isTrue();
  }

  @Test
  void anOrderSignedByAnotherKeyIsRefused() {
    SampleWorld w = funded();
    OrderMessage o = new OrderMessage(ALICE, BTC, 1, 0, 0, 50_000, 1_000, 0, 0, 0);
    SignedOrder forged = new SignedOrder(o, w.trader(BOB).sign(o.hashV2(SampleWorld.DEPLOYMENT)));
    Trade t = SampleWorld.trade(forged, w.order(BOB, BTC, 1, 1, 50_000, 1_000), 1_000, 50_000);
    refused(w, trades(T, t), Rule.ORDER_SIGNATURE);
  }

  @Test
  void theKeylessFundAndAnAccountThatDoesNotExistCannotTrade() {
    SampleWorld w = funded();
    Trade fund =
        SampleWorld.trade(
            w.order(0, BTC, 1, 0, 50_000, 1_000),
            w.order(BOB, BTC, 1, 1, 50_000, 1_000),
            1_000,
            50_000);
    refused(w, trades(T, fund), Rule.ORDER_SIGNATURE);
    Trade ghost =
        SampleWorld.trade(
            w.order(77, BTC, 1, 0, 50_000, 1_000),
            w.order(BOB, BTC, 1, 1, 50_000, 1_000),
            1_000,
            50_000);
    refused(w, trades(T, ghost), Rule.ORDER_SIGNATURE);
  }

  @Test
  void aFillAboveTheSignedQuantityIsRefused() {
    SampleWorld w = funded();
    Trade t = cross(w, 50_000, 1_000, 50_000, 2_000, 1_100, 50_000);
    refused(w, trades(T, t), Rule.OVERFILL);
  }

  @Test
  void anOrderFilledTwicePastItsQuantityIsRefused() {
    SampleWorld w = funded();
    SignedOrder bid = w.order(ALICE, BTC, 1, 0, 50_000, 1_000);
    SignedOrder ask = w.order(BOB, BTC, 1, 1, 50_000, 2_000);
    refused(
        w,
        trades(
            T, SampleWorld.trade(bid, ask, 600, 50_000), SampleWorld.trade(bid, ask, 600, 50_000)),
        Rule.OVERFILL);
  }

  @Test
  void anOrderRefilledInALaterBatchIsRefused() {
    SampleWorld w = funded();
    SignedOrder bid = w.order(ALICE, BTC, 1, 0, 50_000, 1_000);
    w.apply(
        trades(T, SampleWorld.trade(bid, w.order(BOB, BTC, 1, 1, 50_000, 1_000), 1_000, 50_000)));
    Trade again = SampleWorld.trade(bid, w.order(BOB, BTC, 2, 1, 50_000, 100), 100, 50_000);
    refused(w, trades(T + 1, again), Rule.OVERFILL);
  }

  @Test
  void anOlderOrderAfterANewerOneUsedItsSlotIsRefused() {
    SampleWorld w = funded();
    // 1025 and 1 share fill slot 1: once 1025 filled, order 1 can never fill
    w.apply(
        trades(
            T,
            SampleWorld.trade(
                w.order(ALICE, BTC, 1025, 0, 50_000, 100),
                w.order(BOB, BTC, 1, 1, 50_000, 100),
                100,
                50_000)));
    Trade old =
        SampleWorld.trade(
            w.order(ALICE, BTC, 1, 0, 50_000, 100),
            w.order(BOB, BTC, 2, 1, 50_000, 100),
            100,
            50_000);
    refused(w, trades(T + 1, old), Rule.ORDER_REPLAY);
  }

  @Test
  void aFillPriceOutsideALimitIsRefused() {
    SampleWorld w = funded();
    Trade t = cross(w, 50_000, 1_000, 49_000, 1_000, 1_000, 50_010);
    refused(w, trades(T, t), Rule.TRADE_LIMIT);
  }

  @Test
  void anExpiredOrderIsRefused() {
    SampleWorld w = funded();
    SignedOrder expiring = w.sign(new OrderMessage(ALICE, BTC, 1, 0, 0, 50_000, 1_000, 0, T, 0));
    Trade t = SampleWorld.trade(expiring, w.order(BOB, BTC, 1, 1, 50_000, 1_000), 1_000, 50_000);
    refused(w, trades(T, t), Rule.ORDER_EXPIRED);
  }

  @Test
  void aFeeAboveTheRateOrFeesBelowZeroAreRefused() {
    SampleWorld w = funded();
    Trade honest = aliceBuys(w, 1_000);
    Trade greedy =
        new Trade(
            honest.maker(),
            honest.taker(),
            honest.quantity(),
            honest.price(),
            honest.makerFee(),
            honest.takerFee() + 1);
    refused(w, trades(T, greedy), Rule.TRADE_FEE);
    Trade payingOut =
        new Trade(
            honest.maker(),
            honest.taker(),
            honest.quantity(),
            honest.price(),
            honest.makerFee(),
            -honest.makerFee() - 1);
    refused(w, trades(T, payingOut), Rule.TRADE_FEE);
  }

  @Test
  void aReduceOnlyOrderThatGrowsOrFlipsIsRefused() {
    SampleWorld w = funded();
    w.apply(trades(T, aliceBuys(w, 1_000))); // Alice long 1,000
    SignedOrder grow = w.sign(new OrderMessage(ALICE, BTC, 2, 0, 0, 50_000, 100, 1, 0, 0));
    refused(
        w,
        trades(T + 1, SampleWorld.trade(grow, w.order(BOB, BTC, 2, 1, 50_000, 100), 100, 50_000)),
        Rule.REDUCE_ONLY);
    SignedOrder flip = w.sign(new OrderMessage(ALICE, BTC, 2, 1, 0, 50_000, 1_100, 1, 0, 0));
    refused(
        w,
        trades(
            T + 1, SampleWorld.trade(flip, w.order(BOB, BTC, 2, 0, 50_000, 1_100), 1_100, 50_000)),
        Rule.REDUCE_ONLY);
  }

  @Test
  void aTradeThatLeavesAnAccountBelowTheMarginRuleIsRefused() {
    SampleWorld w = funded();
    // 30,000 at 50,000: notional 1.5e9, initial requirement 1.5e8 > Alice's 1e8
    refused(w, trades(T, aliceBuys(w, 30_000)), Rule.MARGIN);
  }

  @Test
  void aRiskIncreaseWithoutAValidMarkIsRefused() {
    SampleWorld w = funded();
    refused(w, trades(10_000, aliceBuys(w, 1_000)), Rule.MARK_INVALID); // every record stale
  }

  @Test
  void tradesAcrossMarketsOrOfTwoBuysOrTakingPostOnlyAreRefused() {
    SampleWorld w = funded();
    Trade across =
        SampleWorld.trade(
            w.order(ALICE, BTC, 1, 0, 50_000, 1_000),
            w.order(BOB, ETH, 1, 1, 50_000, 1_000),
            1_000,
            50_000);
    refused(w, trades(T, across), Rule.TRADE_MARKET);
    Trade twoBuys =
        SampleWorld.trade(
            w.order(ALICE, BTC, 1, 0, 50_000, 1_000),
            w.order(BOB, BTC, 1, 0, 50_000, 1_000),
            1_000,
            50_000);
    refused(w, trades(T, twoBuys), Rule.TRADE_SIDE);
    SignedOrder postOnly = w.sign(new OrderMessage(BOB, BTC, 1, 1, 1, 50_000, 1_000, 0, 0, 0));
    refused(
        w,
        trades(
            T,
            SampleWorld.trade(w.order(ALICE, BTC, 1, 0, 50_000, 1_000), postOnly, 1_000, 50_000)),
        Rule.TRADE_POST_ONLY);
  }

  @Test
  void aPriceOffTheTickOrAQuantityOffTheLotIsRefused() {
    SampleWorld w = funded();
    SignedOrder bid = w.order(ALICE, BTC, 1, 0, 50_010, 1_000);
    SignedOrder ask = w.order(BOB, BTC, 1, 1, 49_990, 1_000);
    refused(w, trades(T, SampleWorld.trade(bid, ask, 1_000, 50_005)), Rule.TRADE_PRICE);
    refused(w, trades(T, SampleWorld.trade(bid, ask, 150, 50_000)), Rule.TRADE_QUANTITY);
  }

  @Test
  void aPositionAboveTheMaximumIsRefused() {
    SampleWorld w = funded();
    long q = ((1L << 40) / 100 + 1) * 100; // above maxPosition 2^40, a multiple of the lot
    Trade t =
        SampleWorld.trade(w.order(ALICE, BTC, 1, 0, 10, q), w.order(BOB, BTC, 1, 1, 10, q), q, 10);
    refused(w, trades(T, t), Rule.MAX_POSITION);
  }

  @Test
  void collateralBeyondSixtyFourBitsIsRefused() {
    SampleWorld w = funded();
    refused(w, deposits(T, w.deposit(ALICE, Long.MAX_VALUE - 1)), Rule.RANGE);
  }

  @Test
  void aWithdrawalAboveEquityOrBeyondTheCollateralIsRefused() {
    SampleWorld w = funded();
    refused(
        w,
        withdrawals(T, List.of(aliceBuys(w, 1_000)), w.withdraw(ALICE, 99_000_000)),
        Rule.MARGIN);
    SampleWorld v = funded();
    refused(
        v, withdrawals(T, List.of(), v.withdraw(ALICE, 100_000_001)), Rule.WITHDRAWAL_COLLATERAL);
  }

  @Test
  void aWithdrawalWithAWrongNonceOrAnotherKeyIsRefused() {
    SampleWorld w = funded();
    refused(
        w, withdrawals(T, List.of(), w.withdrawWithNonce(ALICE, 1_000, 5)), Rule.WITHDRAWAL_NONCE);
    Withdrawal honest = w.withdrawWithNonce(ALICE, 1_000, 0);
    Withdrawal byBob =
        new Withdrawal(
            honest.message(), w.trader(BOB).sign(honest.message().hashV2(SampleWorld.DEPLOYMENT)));
    refused(w, withdrawals(T, List.of(), byBob), Rule.WITHDRAWAL_SIGNATURE);
  }

  @Test
  void aDepositUnderAnotherKeyOrWithAKeyOutsideTheSubgroupIsRefused() {
    SampleWorld w = funded();
    Deposit honest = w.deposit(ALICE, 1_000);
    Deposit otherKey =
        new Deposit(
            ALICE,
            1_000,
            honest.sender(),
            KeyPoint.of(w.trader(BOB).publicKey()),
            honest.blinding(),
            false);
    refused(w, deposits(T, otherKey), Rule.DEPOSIT_KEY);
    // a valid key plus the point of order 2, (0, -1): (-x, -y), on the curve, off the subgroup
    EdDsaPublicKey k = w.trader(42).publicKey();
    KeyPoint torsion = new KeyPoint(negate(k.x()), negate(k.y()));
    Deposit creating = new Deposit(42, 1_000, honest.sender(), torsion, Fr.ONE, false);
    refused(w, deposits(T, creating), Rule.DEPOSIT_KEY);
  }

  static Fr negate(Fr x) {
    return Fr.of(Fr.MODULUS.subtract(x.toBigInteger()));
  }

  @Test
  void oraclePricesUnsignedFromTheFutureNotNewerOrAboveTheMaximumAreRefused() {
    SampleWorld w = funded();
    OraclePriceMessage m = new OraclePriceMessage(BTC, 1, 50_200, 120);
    SignedPrice bySourceZero =
        new SignedPrice(m, SampleWorld.oracle(BTC, 0).sign(m.hash(SampleWorld.DEPLOYMENT)));
    refused(w, prices(T, bySourceZero), Rule.ORACLE_SIGNATURE);
    refused(w, prices(T, w.price(BTC, 0, 50_200, T + 1)), Rule.ORACLE_TIME);
    refused(w, prices(T, w.price(BTC, 0, 50_200, 95)), Rule.ORACLE_TIME);
    refused(w, prices(T, w.price(BTC, 0, (1L << 21) + 10, 120)), Rule.ORACLE_PRICE);
  }

  @Test
  void fundingTicksAboveTheClampBeforeTheIntervalOrWithoutAMarkAreRefused() {
    SampleWorld w = funded();
    refused(w, ticks(T, new FundingTick(BTC, 2_001)), Rule.FUNDING_CLAMP);
    w.apply(ticks(T, new FundingTick(BTC, 150))); // at the previous batch's time, 100
    refused(w, ticks(3_000, new FundingTick(BTC, 150)), Rule.FUNDING_INTERVAL); // at 130
    SampleWorld unpriced = new SampleWorld(Capacities.SMALL, BTC);
    refused(unpriced, ticks(T, new FundingTick(BTC, 150)), Rule.FUNDING_MARK);
  }

  @Test
  void aBatchBeforeThePreviousOneIsRefused() {
    SampleWorld w = funded();
    refused(w, SettlementBatch.empty(99), Rule.BATCH_TIME);
  }

  @Test
  void malformedBatchesAreRefusedAtOnce() {
    SampleWorld w = funded();
    refused(w, ticks(T, new FundingTick(4, 0)), Rule.UNKNOWN_MARKET);
    refused(w, ticks(T, new FundingTick(BTC, 0), new FundingTick(BTC, 0)), Rule.FUNDING_TWICE);
  }

  @Test
  void aNinthPositionIsRefused() {
    long[] markets = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    SampleWorld w = new SampleWorld(Capacities.slots(9, 9, 2, 2, 18, 9, 1).build(), markets);
    List<SignedPrice> prices = new ArrayList<>();
    for (long m : markets) {
      prices.add(w.price(m, 0, 1_000, 100));
    }
    w.apply(
        new SettlementBatch(
            100,
            List.of(),
            prices,
            List.of(w.deposit(ALICE, 100_000_000), w.deposit(BOB, 100_000_000)),
            List.of(),
            List.of()));
    List<Trade> nine = new ArrayList<>();
    for (long m : markets) {
      nine.add(
          SampleWorld.trade(
              w.order(ALICE, m, m, 0, 1_000, 100), w.order(BOB, m, m, 1, 1_000, 100), 100, 1_000));
    }
    refused(w, trades(T, nine.toArray(Trade[]::new)), Rule.POSITION_SLOTS);
    w.apply(trades(T, nine.subList(0, 8).toArray(Trade[]::new))); // eight fit
  }

  @Test
  void aBatchBeyondTheCapacitiesIsRefusedWithoutTouchingTheState() {
    SampleWorld w = funded();
    Fr root = w.state().root();
    SettlementBatch four =
        trades(T, aliceBuys(w, 100), aliceBuys(w, 100), aliceBuys(w, 100), aliceBuys(w, 100));
    assertThatThrownBy(() -> w.build(four))
        .isInstanceOf(CapacityException.class)
        .hasMessage("4 trades exceed the capacity 3 of settlement-m2-k3-a4-d3-o4-t3-w2");
    assertThat(w.state().root()).isEqualTo(root);
  }

  @Test
  void theFeePoolCannotGoNegativeWhileEveryFeeRuleHolds() {
    // FEE_POOL is the circuit's range check on the pool; with fees summing to >= 0 per trade and a
    // pool >= 0 before, it cannot fail. The largest rebate allowed still leaves the pool >= 0:
    SampleWorld w = funded();
    Trade t = aliceBuys(w, 1_000);
    Trade rebateOnly = new Trade(t.maker(), t.taker(), 1_000, 50_000, t.makerFee(), -t.makerFee());
    BuiltBatch built = w.apply(trades(T, rebateOnly));
    assertThat(built.after().feePool()).isZero();
    assertThat(BigInteger.valueOf(t.makerFee()).signum()).isNegative();
  }
}
