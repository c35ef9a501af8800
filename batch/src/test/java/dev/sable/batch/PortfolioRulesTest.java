package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The portfolio-margin rules, attacked at the builder (the same forgeries as Go's
 * settlement/portfolio_test.go): each test takes the third batch of pmbatches.txt (alice, in
 * portfolio mode, holds the covered call and withdraws), the state before it replayed from the
 * file, changes it to break one rule, and shows that the builder refuses it naming that rule and
 * that the state did not move.
 */
class PortfolioRulesTest {
  static final long BTC = 3;
  static final long CALL = 20;
  static final long ALICE = 5;

  /** Signs the forgeries' withdrawals and requests with the keys Go's batchgen uses. */
  static final SampleWorld KEYS = new SampleWorld(Capacities.PORTFOLIO, BTC);

  /** PORTFOLIO with a forced request slot. */
  static final Capacities WITH_REQUESTS =
      Capacities.slots(3, 3, 4, 3, 4, 3, 2).requests(1).options(true).portfolio(true).build();

  static Paused third() throws IOException {
    return VectorReplay.pausedAt("pmbatches.txt", 1, 3);
  }

  static void refused(Paused p, Capacities caps, SettlementBatch b, Rule rule) {
    Fr root = p.state().root();
    assertThatThrownBy(() -> new BatchBuilder(caps).build(p.state(), b))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(rule)).as("%s names %s", e.getMessage(), rule.id()).isTrue());
    assertThat(p.state().root()).isEqualTo(root);
  }

  static SettlementBatch with(
      SettlementBatch b,
      List<Withdrawal> withdrawals,
      List<ForcedRequest> requests,
      List<RiskRow> risk) {
    return ForgedBatch.of(b).withdrawals(withdrawals).requests(requests).riskRows(risk).build();
  }

  static SettlementBatch withdrawing(SettlementBatch b, long amount) {
    return with(b, List.of(KEYS.withdrawWithNonce(ALICE, amount, 0)), List.of(), b.riskRows());
  }

  /** The batch with the call's risk row replaced. */
  static SettlementBatch callRow(SettlementBatch b, long underlying, long shortMinimum) {
    List<RiskRow> risk = new ArrayList<>();
    for (RiskRow r : b.riskRows()) {
      risk.add(
          r.market() != CALL
              ? r
              : new RiskRow(r.market(), underlying, r.rangePpm(), shortMinimum, r.pnl()));
    }
    return with(b, b.withdrawals(), List.of(), risk);
  }

  /**
   * Her equity at the batch's mark 50,100 is 6,075,200 and her portfolio initial requirement
   * 4,562,500: 1,512,700 is the most she can withdraw (Go's TestPortfolioScenarioSolves).
   */
  @Test
  void aPortfolioAccountWithdrawsExactlyWhatItsRuleLeavesFreeAndNotOneUnitMore()
      throws IOException {
    Paused p = third();
    BuiltBatch most =
        new BatchBuilder(p.caps()).build(p.state(), withdrawing(p.batch(), 1_512_700));
    assertThat(most.witness().withdrawals()).hasSize(1);
    refused(p, p.caps(), withdrawing(p.batch(), 1_512_701), Rule.MARGIN);
  }

  @Test
  void aRiskRowUnderAnotherUnderlyingIsRefused() throws IOException {
    Paused p = third();
    refused(p, p.caps(), callRow(p.batch(), CALL, 500), Rule.RISK_ROW);
  }

  @Test
  void aPerpetualRowWithAShortMinimumIsRefused() throws IOException {
    Paused p = third();
    List<RiskRow> risk = new ArrayList<>();
    for (RiskRow r : p.batch().riskRows()) {
      risk.add(
          r.market() != BTC
              ? r
              : new RiskRow(r.market(), r.underlying(), r.rangePpm(), 1, r.pnl()));
    }
    refused(p, p.caps(), with(p.batch(), p.batch().withdrawals(), List.of(), risk), Rule.RISK_ROW);
  }

  /**
   * A range the circuit would not publish: on the call's row (its underlying's row carries it), or
   * a perpetual's beyond the element's 20-bit lane.
   */
  @Test
  void aRangeOnAnOptionRowOrBeyondItsLaneIsRefused() throws IOException {
    Paused p = third();
    for (long[] marketAndRange : new long[][] {{CALL, 100_000}, {BTC, 1 << 20}}) {
      List<RiskRow> risk = new ArrayList<>();
      for (RiskRow r : p.batch().riskRows()) {
        risk.add(
            r.market() != marketAndRange[0]
                ? r
                : new RiskRow(
                    r.market(), r.underlying(), marketAndRange[1], r.shortMinimum(), r.pnl()));
      }
      refused(
          p, p.caps(), with(p.batch(), p.batch().withdrawals(), List.of(), risk), Rule.RISK_ROW);
    }
  }

  @Test
  void aBatchWithoutAMarketsRiskRowIsRefused() throws IOException {
    Paused p = third();
    List<RiskRow> risk = p.batch().riskRows().stream().filter(r -> r.market() != CALL).toList();
    refused(p, p.caps(), with(p.batch(), p.batch().withdrawals(), List.of(), risk), Rule.RISK_ROW);
  }

  @Test
  void aPortfolioAccountInACircuitWithoutPortfolioMarginIsRefused() throws IOException {
    Paused p = third();
    SettlementBatch noRows = with(p.batch(), p.batch().withdrawals(), List.of(), List.of());
    refused(p, Capacities.OPTIONS, noRows, Rule.PORTFOLIO_MODE);
    refused(p, Capacities.OPTIONS, p.batch(), Rule.RISK_ROW); // rows for a cross-only circuit
  }

  /**
   * Alice's forced request is paid her portfolio free equity, 6,075,200 - 4,562,500 = 1,512,700
   * (the most she can withdraw, above); the cross rule (requirement 10,020,000 above her equity)
   * would pay her nothing. Go's TestPortfolioAccountForcedRequestIsPaidItsPortfolioFreeEquity.
   */
  @Test
  void aForcedRequestOfAPortfolioAccountIsPaidDownToItsPortfolioInitialRequirement()
      throws IOException {
    Paused p = third();
    SettlementBatch b =
        with(
            p.batch(),
            List.of(),
            List.of(KEYS.forcedRequest(ALICE, Long.MAX_VALUE / 2, 0)),
            p.batch().riskRows());
    BuiltBatch built = new BatchBuilder(WITH_REQUESTS).build(p.state(), b);
    assertThat(built.witness().requests().getFirst().paid()).isEqualTo(1_512_700);
  }
}
