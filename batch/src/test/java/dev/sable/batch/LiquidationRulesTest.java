package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.SettlementLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every liquidation rule, attacked at the builder: each test takes an honest batch of
 * liquidation.txt (the state before it replayed from the file), changes it so that it breaks one
 * rule, keeping every other amount consistent (the same forgeries as Go's
 * settlement/liquidation_forgery_test.go, whose comments work the amounts out), and shows that the
 * builder refuses it naming that rule and that the state did not move.
 */
class LiquidationRulesTest {
  static final long BTC = 3;
  static final long ETH = 7;
  static final long DAVE = 21;
  static final long ERIN = 22;
  static final long FRANK = 23;
  static final long GINA = 24;
  static final long HANK = 25;
  static final long IVAN = 26;
  static final long KATE = 28;
  static final long LENA = 29;
  static final long PAUL = 42;

  /** Signs the forgeries' new orders and prices with the keys Go's batchgen uses. */
  static final SampleWorld KEYS = new SampleWorld(Capacities.SWEEP, BTC, ETH);

  /** The liquidation scenario before its batch number n (4: dave, 5: the unwind, 6: gina, 7). */
  static Paused before(long n) throws IOException {
    return VectorReplay.pausedAt("liquidation.txt", 1, n);
  }

  /** The builder refuses the batch, naming the rule, and the state stays where it was. */
  static void refused(Paused p, SettlementBatch b, Rule rule) {
    Fr root = p.state().root();
    assertThatThrownBy(() -> new BatchBuilder(p.caps()).build(p.state(), b))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(rule)).as("%s names %s", e.getMessage(), rule.id()).isTrue());
    assertThat(p.state().root()).isEqualTo(root);
  }

  /** The batch with its liquidations and unwinds replaced. */
  static SettlementBatch sweep(
      SettlementBatch b, List<Liquidation> liquidations, List<Close> unwinds) {
    return ForgedBatch.of(b).sweep(liquidations, unwinds).build();
  }

  /** The batch with its first liquidation changed. */
  static SettlementBatch first(SettlementBatch b, UnaryOperator<Liquidation> change) {
    List<Liquidation> ls = new ArrayList<>(b.liquidations());
    ls.set(0, change.apply(ls.get(0)));
    return sweep(b, ls, b.unwinds());
  }

  static Liquidation withCloses(Liquidation l, List<Close> closes, long surplus) {
    return new Liquidation(
        l.account(), closes, l.takeovers(), l.adl(), surplus, l.covered(), l.uncovered());
  }

  static Liquidation withTakeovers(Liquidation l, List<Takeover> takeovers, long surplus) {
    return new Liquidation(
        l.account(), l.closes(), takeovers, l.adl(), surplus, l.covered(), l.uncovered());
  }

  static Liquidation withFills(Liquidation l, long covered, List<AdlFill> fills, long uncovered) {
    return new Liquidation(
        l.account(),
        l.closes(),
        l.takeovers(),
        Optional.of(new Deleveraging(covered, fills)),
        l.surplus(),
        l.covered(),
        uncovered);
  }

  static Close frankBuys(long price, long q) {
    return SampleWorld.close(KEYS.order(FRANK, BTC, 1, 0, price, q), q, price);
  }

  /** Gina's honest ADL fills (batch 6): erin 100 BTC at 51,321; hank 3,000, ivan 2,000 ETH. */
  static List<AdlFill> ginaFills(SettlementBatch b) {
    return b.liquidations().get(0).adl().orElseThrow().fills();
  }

  @Test
  void theHonestBatchesTheAttacksChangeAreAccepted() throws IOException {
    for (long n = 4; n <= 7; n++) {
      Paused p = before(n);
      assertThat(new BatchBuilder(p.caps()).build(p.state(), p.batch()).witness().steps())
          .isNotEmpty();
    }
    Paused bound = VectorReplay.pausedAt("liquidation.txt", 2, 3);
    assertThat(new BatchBuilder(bound.caps()).build(bound.state(), bound.batch()).number())
        .isEqualTo(3);
  }

  @Test
  void anAccountAboveMaintenanceIsNotLiquidated() throws IOException {
    Paused p = before(5); // kate just bought at the mark: equity 4,577,500, maintenance 2,250,000
    Liquidation kate =
        new Liquidation(
            KATE,
            List.of(),
            List.of(new Takeover(BTC, 1_000, 45_000)),
            Optional.empty(),
            4_577_500,
            0,
            0);
    refused(p, sweep(p.batch(), List.of(kate), p.batch().unwinds()), Rule.LIQUIDATION_MARGIN);
  }

  @Test
  void theFundIsNeverLiquidated() throws IOException {
    Paused p = before(5);
    Liquidation fund =
        new Liquidation(
            SettlementLayout.FUND_ACCOUNT,
            p.batch().unwinds(),
            List.of(),
            Optional.empty(),
            0,
            0,
            0);
    refused(p, sweep(p.batch(), List.of(fund), List.of()), Rule.LIQUIDATION_ACCOUNT);
  }

  @Test
  void aLiquidationNeedsValidMarks() throws IOException {
    Paused p = before(6); // at 320 every ETH record is stale
    SettlementBatch b = p.batch();
    List<SignedPrice> prices = new ArrayList<>(b.prices());
    prices.set(0, KEYS.price(ETH, 1, 2_500, 259));
    SettlementBatch late =
        new SettlementBatch(
            320,
            b.fundingTicks(),
            prices,
            b.deposits(),
            b.trades(),
            b.withdrawals(),
            b.liquidations(),
            b.unwinds());
    refused(p, late, Rule.LIQUIDATION_MARK);
  }

  @Test
  void aCloseOutsideTheBandIsRefused() throws IOException {
    Paused p = before(4); // dave's 400 sold at 42,740, below 45,000 - 2,250
    refused(
        p,
        first(p.batch(), l -> withCloses(l, List.of(frankBuys(42_740, 400)), 62_452)),
        Rule.CLOSE_BAND);
  }

  @Test
  void anUnwindOutsideTheBandIsRefused() throws IOException {
    Paused p = before(5); // the fund sells its 600 at 42,700
    Close low = SampleWorld.close(KEYS.order(ERIN, BTC, 2, 0, 42_700, 600), 600, 42_700);
    refused(p, sweep(p.batch(), List.of(), List.of(low)), Rule.CLOSE_BAND);
  }

  @Test
  void aCloseThatGrowsThePositionIsRefused() throws IOException {
    Paused p = before(4); // dave's long 1,000 "closed" by selling 1,200
    Liquidation dave =
        new Liquidation(
            DAVE, List.of(frankBuys(43_000, 1_200)), List.of(), Optional.empty(), 0, 0, 0);
    refused(p, sweep(p.batch(), List.of(dave), List.of()), Rule.LIQUIDATION_REDUCE);
  }

  @Test
  void aCloseAgainstAnOrderOnTheSameSideIsRefused() throws IOException {
    Paused p = before(4);
    Close sell = SampleWorld.close(KEYS.order(FRANK, BTC, 1, 1, 43_000, 400), 400, 43_000);
    refused(p, first(p.batch(), l -> withCloses(l, List.of(sell), l.surplus())), Rule.CLOSE_SIDE);
  }

  @Test
  void aCloseBeyondTheMakersLimitIsRefused() throws IOException {
    Paused p = before(4); // frank bid 43,000 and pays 43,500
    Close c = frankBuys(43_000, 400);
    Close above =
        SampleWorld.close(c.maker(), 400, 43_500); // fees at 43,500; dave's surplus 366,300
    refused(p, first(p.batch(), l -> withCloses(l, List.of(above), 366_300)), Rule.TRADE_LIMIT);
  }

  @Test
  void aCloseFeeAboveTheRateIsRefused() throws IOException {
    Paused p = before(4);
    Close c = p.batch().liquidations().get(0).closes().get(0);
    Close greedy = new Close(c.maker(), c.quantity(), c.price(), c.makerFee(), c.takerFee() + 1);
    refused(
        p, first(p.batch(), l -> withCloses(l, List.of(greedy), l.surplus() - 1)), Rule.TRADE_FEE);
  }

  @Test
  void anUnwindWithoutAValidMarkIsRefused() throws IOException {
    Paused p = before(5); // at 270 every BTC price is stale
    SettlementBatch b =
        ForgedBatch.of(SettlementBatch.empty(270)).sweep(List.of(), p.batch().unwinds()).build();
    refused(p, b, Rule.MARK_INVALID);
  }

  @Test
  void aCloseMakerBelowTheMarginRuleIsRefused() throws IOException {
    Paused p = before(4); // mia, with 900,000, buys dave's 400 at 43,000
    long mia = 30;
    SettlementBatch b = p.batch();
    Close c = SampleWorld.close(KEYS.order(mia, BTC, 1, 0, 43_000, 400), 400, 43_000);
    SettlementBatch withMia =
        new SettlementBatch(
            b.time(),
            b.fundingTicks(),
            b.prices(),
            List.of(KEYS.deposit(mia, 900_000)),
            b.trades(),
            b.withdrawals(),
            List.of(withCloses(b.liquidations().get(0), List.of(c), 166_400)),
            b.unwinds());
    refused(p, withMia, Rule.MARGIN);
  }

  @Test
  void aTakeoverAboveTheFundsBoundIsRefused() throws IOException {
    Paused p = VectorReplay.pausedAt("liquidation.txt", 2, 3);
    List<Liquidation> ls = new ArrayList<>(p.batch().liquidations());
    ls.set(
        1,
        new Liquidation(
            PAUL,
            List.of(),
            List.of(new Takeover(BTC, 1_000, 45_000)),
            Optional.empty(),
            975_000,
            0,
            0));
    refused(p, sweep(p.batch(), ls, List.of()), Rule.MAX_POSITION);
  }

  @Test
  void aTakeoverNotAtTheMarkIsRefused() throws IOException {
    Paused p = before(4);
    refused(
        p,
        first(p.batch(), l -> withTakeovers(l, List.of(new Takeover(BTC, 600, 44_990)), 160_400)),
        Rule.TAKEOVER_PRICE);
  }

  @Test
  void aTakeoverOfPartOfAPositionIsRefused() throws IOException {
    Paused p = before(4);
    List<Takeover> parts = List.of(new Takeover(BTC, 500, 45_000), new Takeover(BTC, 100, 45_000));
    refused(p, first(p.batch(), l -> withTakeovers(l, parts, l.surplus())), Rule.TAKEOVER_QUANTITY);
  }

  @Test
  void aTakeoverTheFundCannotPayIsRefused() throws IOException {
    Paused p = before(6); // gina's -825,000 against the fund's 192,930
    Liquidation gina =
        new Liquidation(
            GINA,
            List.of(),
            List.of(new Takeover(BTC, 100, 45_000), new Takeover(ETH, 5_000, 2_500)),
            Optional.empty(),
            0,
            192_930,
            632_070);
    refused(p, sweep(p.batch(), List.of(gina), List.of()), Rule.TAKEOVER_ALLOWED);
  }

  @Test
  void aSurplusKeptFromTheFundIsRefused() throws IOException {
    Paused p = before(4);
    refused(p, first(p.batch(), l -> withTakeovers(l, l.takeovers(), 0)), Rule.INSURANCE_SURPLUS);
  }

  @Test
  void aDeficitPaidByCounterpartiesBeforeTheFundIsRefused() throws IOException {
    Paused p = before(6); // the fund keeps its 192,930; BTC absorbs all 825,000: 53,250
    List<AdlFill> fills = new ArrayList<>(ginaFills(p.batch()));
    fills.set(0, new AdlFill(ERIN, BTC, 100, 53_250));
    refused(p, first(p.batch(), l -> withFills(l, 0, fills, 0)), Rule.ADL_COVER);
  }

  @Test
  void deleveragingWhileTheFundCouldTakeOverIsRefused() throws IOException {
    Paused p = before(4); // dave's 600 (equity 166,400) deleveraged against erin at the mark
    refused(
        p,
        first(
            p.batch(),
            l ->
                withFills(
                    withTakeovers(l, List.of(), 0),
                    0,
                    List.of(new AdlFill(ERIN, BTC, 600, 45_000)),
                    0)),
        Rule.ADL_ALLOWED);
  }

  @Test
  void deleveragingAgainstAnAccountWithoutAnOppositePositionIsRefused() throws IOException {
    Paused p = before(6); // gina's last 2,000 ETH to frank, who holds no ETH
    List<AdlFill> fills = new ArrayList<>(ginaFills(p.batch()));
    fills.set(2, new AdlFill(FRANK, ETH, 2_000, 2_500));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_COUNTERPARTY);
  }

  @Test
  void deleveragingMoreThanTheCounterpartyHoldsIsRefused() throws IOException {
    Paused p = before(6); // hank, short 3,000 ETH, takes 4,000
    List<AdlFill> fills = new ArrayList<>(ginaFills(p.batch()));
    fills.set(1, new AdlFill(HANK, ETH, 4_000, 2_500));
    fills.set(2, new AdlFill(IVAN, ETH, 1_000, 2_500));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_COUNTERPARTY);
  }

  @Test
  void deleveragingAgainstItselfIsRefused() throws IOException {
    Paused p = before(6);
    List<AdlFill> fills = new ArrayList<>(ginaFills(p.batch()));
    fills.set(2, new AdlFill(GINA, ETH, 2_000, 2_500));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_COUNTERPARTY);
  }

  @Test
  void deleveragingAtAPriceTheRuleDoesNotGiveIsRefused() throws IOException {
    Paused p = before(6); // BTC at 50,000 instead of 51,321: 132,070 left uncovered
    List<AdlFill> fills = new ArrayList<>(ginaFills(p.batch()));
    fills.set(0, new AdlFill(ERIN, BTC, 100, 50_000));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 132_070)), Rule.ADL_PRICE);
  }

  @Test
  void deleveragingOutOfRankIsRefused() throws IOException {
    Paused p = before(6); // ivan (score 1,006,000) before hank (1,500,000)
    List<AdlFill> fills =
        List.of(
            new AdlFill(ERIN, BTC, 100, 51_321),
            new AdlFill(IVAN, ETH, 2_000, 2_500),
            new AdlFill(HANK, ETH, 3_000, 2_500));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_RANK);
  }

  @Test
  void deleveragingMarketsOutOfOrderIsRefused() throws IOException {
    Paused p = before(6); // ETH first at 2,627, then BTC at the mark
    List<AdlFill> fills =
        List.of(
            new AdlFill(HANK, ETH, 3_000, 2_627),
            new AdlFill(IVAN, ETH, 2_000, 2_627),
            new AdlFill(ERIN, BTC, 100, 45_000));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_ORDER);
  }

  @Test
  void deleveragingQuantitiesTheRuleDoesNotGiveAreRefused() throws IOException {
    Paused p = before(6); // hank takes 2,000 of his 3,000 (neither side closes), later 1,000
    List<AdlFill> fills =
        List.of(
            new AdlFill(ERIN, BTC, 100, 51_321),
            new AdlFill(HANK, ETH, 2_000, 2_500),
            new AdlFill(IVAN, ETH, 2_000, 2_500),
            new AdlFill(HANK, ETH, 1_000, 2_500));
    refused(p, first(p.batch(), l -> withFills(l, 192_930, fills, 0)), Rule.ADL_QUANTITY);
  }

  @Test
  void aCoverOfAFlatAccountIsRefused() throws IOException {
    Paused p = before(7); // lena, flat, goes through a cover
    List<Liquidation> ls = new ArrayList<>(p.batch().liquidations());
    ls.set(1, withFills(ls.get(1), 0, List.of(), ls.get(1).uncovered()));
    refused(p, sweep(p.batch(), ls, List.of()), Rule.LIQUIDATION_SEQUENCE);
  }

  @Test
  void aLiquidationEndingWithAPositionIsRefused() throws IOException {
    Paused p = before(4); // dave's liquidation ends after the close, 600 still open
    refused(p, first(p.batch(), l -> withTakeovers(l, List.of(), 0)), Rule.LIQUIDATION_FLAT);
  }

  @Test
  void aHiddenUncoveredDeficitIsRefused() throws IOException {
    Paused p = before(7); // kate ends at -2,441,500 and no uncovered deficit is published
    refused(
        p,
        first(
            p.batch(),
            l -> new Liquidation(l.account(), l.closes(), l.takeovers(), l.adl(), 0, 0, 0)),
        Rule.UNCOVERED_DEFICIT);
  }

  @Test
  void aDeficitLeftUncoveredWhileTheFundHadMoneyIsRefused() throws IOException {
    Paused p = before(7); // the fund receives 1,000,000 but does not pay kate's deficit
    SettlementBatch b = p.batch();
    Deposit d = KEYS.deposit(SettlementLayout.FUND_ACCOUNT, 1_000_000);
    Deposit fund =
        new Deposit(d.account(), d.amount(), d.sender(), KeyPoint.NONE, d.blinding(), false);
    List<Liquidation> ls = new ArrayList<>(b.liquidations());
    Liquidation lena = ls.get(1);
    ls.set(
        1,
        new Liquidation(
            lena.account(), lena.closes(), lena.takeovers(), lena.adl(), 0, 442_500, 0));
    SettlementBatch funded =
        new SettlementBatch(
            b.time(),
            b.fundingTicks(),
            b.prices(),
            List.of(fund),
            b.trades(),
            b.withdrawals(),
            ls,
            b.unwinds());
    refused(p, funded, Rule.DEFICIT_COVER);
  }

  @Test
  void aSweepBeyondTheStepCapacityIsRefused() throws IOException {
    Paused p = before(4); // 3 steps per liquidation: three of dave's exceed the 8 steps
    Liquidation dave = p.batch().liquidations().get(0);
    SettlementBatch b = sweep(p.batch(), List.of(dave, dave, dave), List.of());
    assertThatThrownBy(() -> new BatchBuilder(p.caps()).build(p.state(), b))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining("liquidation steps");
  }
}
