package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.optionmarket.OptionListing;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portfolio margin mode (docs/options.md "Portfolio margin mode"): the switch and its refusals, and
 * the portfolio requirement in the order check, the fill-time check, withdrawals and liquidation.
 * The perpetual's maintenance rate (5%) is the scenario range. Invariants hold after every step.
 */
class PortfolioMarginModeTest {
  private TestExchange x;
  private int perp;
  private long nextId = 500;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    perp = x.feelessMarket(50_000);
    x.deposit(2, 1_000_000);
    x.deposit(3, 1_000_000);
  }

  private List<Event> apply(Command c) {
    List<Event> events = x.apply(c);
    Invariants.check(x.seq);
    return events;
  }

  private RejectReason reason(Command c) {
    return TestExchange.reason(apply(c));
  }

  private int listCall() {
    int id = x.seq.state().marketCount();
    assertThat(
            reason(
                new Command.ListOption(
                    OptionMarketTest.optionSpec("C", 0),
                    OptionMarketTest.terms(OptionKind.CALL, OptionMarketTest.EXPIRY))))
        .isNull();
    for (int s = 0; s < 3; s++) {
      assertThat(reason(new Command.VolatilityPrice(id, s, 800_000, x.seq.state().now()))).isNull();
    }
    return id;
  }

  /** Account {@code account} buys (positive) or sells {@code size} on a market from account 2. */
  private void trade(int account, int market, long size, long price) {
    assertThat(
            reason(
                Command.PlaceOrder.limit(
                    2, market, nextId++, size > 0 ? SELL : BUY, price, Math.abs(size))))
        .isNull();
    List<Event> events =
        apply(
            Command.PlaceOrder.limit(
                account, market, nextId++, size > 0 ? BUY : SELL, price, Math.abs(size)));
    assertThat(TestExchange.reason(events)).isNull();
    assertThat(TestExchange.of(events, Event.Fill.class)).isNotEmpty();
  }

  private Margin margin() {
    return x.seq.margin();
  }

  /** The portfolio maintenance computed independently from the documented inputs. */
  private long expectedMaintenance(int call, long perpSize, long callSize) {
    var state = x.seq.state();
    var u = new UnderlyingRisk(perp, state.market(perp).mark(), 50_000);
    var c = state.market(call);
    var arrays =
        new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
            .compute(
                state.now(),
                List.of(u),
                List.of(
                    new RiskInstrument.Option(
                        call, OptionListing.pricing(c.spec(), c.option()), c.volatility())));
    return new PortfolioMargin(arrays, ScenarioGrid.V1)
        .maintenance(new int[] {perp, call}, new long[] {perpSize, callSize}, 2);
  }

  @Test
  void aCoveredCallNeedsLessInPortfolioModeThanCrossAndTheRequirementIsTheRiskArrays() {
    int call = listCall();
    x.deposit(1, 200_000);
    trade(1, perp, 10, 50_000);
    long premium = x.seq.state().market(call).mark();
    trade(1, call, -10, premium);
    Account a = x.account(1);
    long cross = margin().maintenanceRequirement(a);
    assertThat(cross)
        .isEqualTo(2 * 10 * 50_000 * 5 / 100); // perp + call at the underlying notional

    List<Event> events = apply(new Command.SetMarginMode(1, true, 1_023));
    assertThat(events).contains(new Event.MarginModeChanged(1, true, 1_023));
    assertThat(a.portfolioMargin()).isTrue();
    long portfolio = margin().maintenanceRequirement(a);
    assertThat(portfolio).isEqualTo(expectedMaintenance(call, 10, -10)).isLessThan(cross);
    assertThat(margin().positionRequirement(a)).isEqualTo(portfolio + (portfolio + 3) / 4);

    assertThat(apply(new Command.SetMarginMode(1, false, 2_047)))
        .contains(new Event.MarginModeChanged(1, false, 2_047));
    assertThat(margin().maintenanceRequirement(a)).isEqualTo(cross);
  }

  /**
   * A forced withdrawal of a portfolio account is paid down to its portfolio initial requirement on
   * positions (as the settlement circuit pays it), more than the cross rule would leave free; the
   * invariants (conservation) hold after it.
   */
  @Test
  void aPortfolioAccountsForcedWithdrawalIsPaidDownToItsPortfolioRequirement() {
    int call = listCall();
    x.deposit(1, 200_000);
    trade(1, perp, 10, 50_000);
    trade(1, call, -10, x.seq.state().market(call).mark());
    assertThat(reason(new Command.SetMarginMode(1, true, 1_023))).isNull();
    Account a = x.account(1);
    long equity = margin().equity(a);
    long portfolioFree = equity - margin().positionRequirement(a);
    assertThat(portfolioFree).isGreaterThan(equity - margin().crossInitialRequirement(a));
    assertThat(portfolioFree).isPositive().isLessThan(a.collateral());
    long collateral = a.collateral();
    apply(new Command.ForcedWithdrawal(1, Long.MAX_VALUE, a.nonce(), true));
    assertThat(a.collateral()).isEqualTo(collateral - portfolioFree);
    assertThat(margin().equity(a)).isEqualTo(margin().positionRequirement(a));
  }

  @Test
  void theSwitchIsRefusedWithOpenOrdersForUnknownAccountsAndTheFund() {
    x.deposit(1, 100_000);
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 1, BUY, 40_000, 1))).isNull();
    assertThat(reason(new Command.SetMarginMode(1, true, 3_071)))
        .isEqualTo(RejectReason.OPEN_ORDERS);
    assertThat(x.account(1).portfolioMargin()).isFalse();
    apply(new Command.CancelOrder(1, 1));
    assertThat(reason(new Command.SetMarginMode(1, true, 4_095))).isNull();
    assertThat(apply(new Command.SetMarginMode(1, true, 5_119))).as("already portfolio").isEmpty();
    assertThat(reason(new Command.SetMarginMode(77, true, 6_143)))
        .isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
    assertThat(reason(new Command.SetMarginMode(-1, true, 7_167)))
        .isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
    x.deposit(0, 1_000);
    assertThat(reason(new Command.SetMarginMode(0, true, 8_191)))
        .isEqualTo(RejectReason.FUND_ACCOUNT);
  }

  @Test
  void theSwitchTakesItsRequestIdsFillSlotAsAnOrderWould() {
    x.deposit(1, 100_000);
    trade(1, perp, 1, 50_000); // fills client id 501 of account 1 (slot 501)
    assertThat(reason(new Command.SetMarginMode(1, true, 501)))
        .as("the id filled already")
        .isEqualTo(RejectReason.CLIENT_ORDER_ID_USED);
    assertThat(reason(new Command.SetMarginMode(1, true, -1)))
        .isEqualTo(RejectReason.BAD_CLIENT_ORDER_ID);
    assertThat(reason(new Command.SetMarginMode(1, true, Long.MAX_VALUE)))
        .isEqualTo(RejectReason.BAD_CLIENT_ORDER_ID);
    assertThat(apply(new Command.SetMarginMode(1, true, 501 + 1_024)))
        .containsExactly(new Event.MarginModeChanged(1, true, 1_525));
    assertThat(x.account(1).lastFilled(501)).isEqualTo(1_525);
    // neither an order nor a switch back may reuse the id, or an older one of its slot
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 1_525, BUY, 40_000, 1)))
        .isEqualTo(RejectReason.CLIENT_ORDER_ID_USED);
    assertThat(reason(new Command.SetMarginMode(1, false, 1_525)))
        .isEqualTo(RejectReason.CLIENT_ORDER_ID_USED);
    assertThat(x.account(1).portfolioMargin()).isTrue();
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 1_525 + 1_024, BUY, 40_000, 1))).isNull();
    assertThat(reason(new Command.SetMarginMode(1, false, 2_549 + 1_024)))
        .as("a resting order uses the slot (and the account has an open order)")
        .isEqualTo(RejectReason.FILL_SLOT_BUSY);
  }

  @Test
  void theSwitchIsRefusedWhenEquityWouldBeBelowThePortfolioInitialRequirement() {
    x.deposit(1, 60_000);
    trade(1, perp, 10, 50_000);
    x.oracle(perp, 46_500); // equity 25,000; cross maintenance 23,250: not liquidatable
    Account a = x.account(1);
    assertThat(margin().equity(a)).isEqualTo(25_000);
    // portfolio: 10 x floor(46,500 x 5%) = 23,250 maintenance, initial ceil(x 1.25) = 29,063
    assertThat(margin().portfolioInitialRequirement(a)).isEqualTo(29_063);
    assertThat(reason(new Command.SetMarginMode(1, true, 9_215)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(a.portfolioMargin()).isFalse();
    x.deposit(1, 4_063);
    assertThat(reason(new Command.SetMarginMode(1, true, 10_239))).isNull();
  }

  @Test
  void theSwitchBackToCrossIsRefusedWhenEquityIsBelowTheCrossInitialRequirement() {
    x.deposit(1, 40_000);
    assertThat(reason(new Command.SetMarginMode(1, true, 11_263))).isNull();
    trade(1, perp, 10, 50_000); // 31,250 in portfolio mode, 50,000 cross
    assertThat(reason(new Command.SetMarginMode(1, false, 12_287)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(x.account(1).portfolioMargin()).isTrue();
  }

  @Test
  void ordersFillsAndWithdrawalsUseThePortfolioRequirement() {
    x.deposit(1, 40_000);
    x.deposit(4, 40_000);
    // cross: 10 at 50,000 needs 50,000 initial, more than the 40,000 deposited
    assertThat(reason(Command.PlaceOrder.limit(2, perp, 900, SELL, 50_000, 20))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(4, perp, 1, BUY, 50_000, 10)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    // portfolio: 10 x floor(50,000 x 5%) x 1.25 = 31,250
    assertThat(reason(new Command.SetMarginMode(1, true, 13_311))).isNull();
    List<Event> fill = apply(Command.PlaceOrder.limit(1, perp, 1, BUY, 50_000, 10));
    assertThat(TestExchange.reason(fill)).isNull();
    assertThat(x.account(1).size(perp)).isEqualTo(10);
    assertThat(margin().initialRequirement(x.account(1))).isEqualTo(31_250);
    // a further 2 would need 37,500 > 40,000 less nothing: accepted; 3 more (40,625) refused
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 2, BUY, 40_000, 3)))
        .isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 3, BUY, 40_000, 2))).isNull();
    apply(new Command.CancelOrder(1, 3));
    // withdrawals: equity 40,000 may go down to 31,250
    assertThat(reason(x.withdrawal(1, 8_751))).isEqualTo(RejectReason.INSUFFICIENT_MARGIN);
    assertThat(reason(x.withdrawal(1, 8_750))).isNull();
  }

  @Test
  void theFillTimeCheckUsesThePortfolioRequirementAfterTheFill() {
    x.deposit(1, 40_000);
    assertThat(reason(new Command.SetMarginMode(1, true, 14_335))).isNull();
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 1, BUY, 50_000, 10))).isNull();
    x.oracle(perp, 49_000);
    // after the fill: equity 40,000 - 10 x 1,000 = 30,000 < 10 x 2,450 x 1.25 = 30,625
    List<Event> refused = apply(Command.PlaceOrder.limit(2, perp, 900, SELL, 49_000, 10));
    assertThat(TestExchange.of(refused, Event.Fill.class)).isEmpty();
    assertThat(x.account(1).openOrderCount()).as("the maker order is cancelled").isZero();
    apply(new Command.CancelOrder(2, 900));
    // at 49,500: equity after 35,000 >= 30,625, so it fills (cross would need 49,000)
    assertThat(reason(Command.PlaceOrder.limit(1, perp, 2, BUY, 49_500, 10))).isNull();
    List<Event> filled = apply(Command.PlaceOrder.limit(2, perp, 901, SELL, 49_000, 10));
    assertThat(TestExchange.of(filled, Event.Fill.class)).isNotEmpty();
    assertThat(x.account(1).size(perp)).isEqualTo(10);
  }

  @Test
  void aPortfolioAccountIsLiquidatedBelowItsPortfolioMaintenanceNotCross() {
    x.deposit(0, 100_000);
    x.deposit(1, 45_890);
    assertThat(reason(new Command.SetMarginMode(1, true, 15_359))).isNull();
    trade(1, perp, 10, 50_000);
    assertThat(reason(Command.PlaceOrder.limit(3, perp, 1, BUY, 47_000, 10))).isNull();
    x.oracle(perp, 47_801);
    // equity 23,900 = portfolio maintenance 10 x floor(2,390.05); cross would be ceil(23,900.5)
    assertThat(margin().equity(x.account(1))).isEqualTo(23_900);
    assertThat(margin().maintenanceRequirement(x.account(1))).isEqualTo(23_900);
    assertThat(TestExchange.of(apply(new Command.LiquidationSweep()), Event.Liquidated.class))
        .isEmpty();
    x.oracle(perp, 47_800);
    assertThat(TestExchange.of(apply(new Command.LiquidationSweep()), Event.Liquidated.class))
        .contains(new Event.Liquidated(1, 23_890, 23_900));
  }
}
