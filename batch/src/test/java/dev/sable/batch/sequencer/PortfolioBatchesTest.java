package dev.sable.batch.sequencer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.AccountRow;
import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.ForgedWitness;
import dev.sable.batch.RiskRow;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.SettlementWitness;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;
import dev.sable.state.settlement.AccountLeafV2;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sequencer stream with a portfolio-margined account seals -opt-pm batches that the compiled
 * circuit accepts: alice, set to portfolio mode in the settlement state outside any batch (as a
 * deployment's genesis would hold her) and in the sequencer, writes a covered call (long the
 * perpetual, short calls on it) that cross margin refuses, and then withdraws what the portfolio
 * rule leaves free; the batches commit the sequencer's own risk arrays. A witness that lowers a
 * committed risk entry, or that claims cross mode for her, is refused by the circuit.
 */
class PortfolioBatchesTest {
  static final long ALICE = 5;
  static final long BOB = 9;
  static final long CAROL = 12;

  @RegisterExtension
  static final CompiledSettlement circuit = new CompiledSettlement(Capacities.PORTFOLIO);

  /**
   * The same stream at the node's portfolio preset (two market rows, two account rows, one trade
   * per batch, the owner-data section): the batcher spreads it over more batches, and each one,
   * built with an owner-data secret, satisfies the compiled preset circuit.
   */
  @Test
  void theStreamProvesAtTheNodesPortfolioPreset() {
    Capacities preset = Capacities.TINY_L2_Q1_OPT_PM_OWNER;
    // the sample world's own builder has no owner-data secret: the batcher seals alike without
    // the section (it adds no row or slot), and the preset's builder below builds with it
    Capacities sealing =
        Capacities.slots(2, 1, 2, 2, 2, 1, 1)
            .steps(2)
            .requests(1)
            .options(true)
            .portfolio(true)
            .build();
    assertThat(sealing.circuitName() + "-owner").isEqualTo(preset.circuitName());
    SequencedWorld w = SequencedWorld.withOption(sealing, OptionBatchesTest.CALL);
    BatchBuilder builder = new BatchBuilder(preset, "an owner-data secret".getBytes(UTF_8));
    List<BuiltBatch> built = new ArrayList<>();
    Runnable build =
        () -> {
          w.seal();
          for (SealedBatch s : w.sealed) {
            BuiltBatch b = builder.build(w.world.state(), s.batch());
            w.world.state().commit(b.change());
            built.add(b);
          }
          w.sealed.clear();
        };
    w.deposit(ALICE, 8_000_000);
    w.deposit(BOB, 80_000_000);
    w.deposit(CAROL, 80_000_000);
    w.prices(0, 50_000);
    w.volatility(1, 500_000);
    build.run();
    w.world.state().setMarginMode(ALICE, AccountLeafV2.MODE_PORTFOLIO);
    w.apply(new Command.SetMarginMode((int) ALICE, true, 1_023), Evidence.NONE);
    assertThat(coveredCall(w).get(1)).anyMatch(Event.Fill.class::isInstance);
    build.run();
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    assertThat(built.size()).as("batches").isGreaterThan(3);
    try (GnarkCircuit c = GnarkCircuit.compile(SettlementCircuit.layout(preset))) {
      for (BuiltBatch b : built) {
        assertThat(c.check(b.gnarkWitness()))
            .as("batch %d", b.number())
            .isEqualTo(new WitnessCheck(""));
      }
    }
  }

  /**
   * Alice (collateral), bob and carol funded, market 0 priced at 50,000 and the call's volatility
   * at 50% (batch 1, built); then alice in portfolio mode in both states, or left in cross mode.
   */
  static SequencedWorld funded(long collateral, boolean portfolio) {
    return funded(Capacities.PORTFOLIO, collateral, portfolio);
  }

  static SequencedWorld funded(Capacities caps, long collateral, boolean portfolio) {
    SequencedWorld w = SequencedWorld.withOption(caps, OptionBatchesTest.CALL);
    w.deposit(ALICE, collateral);
    w.deposit(BOB, 80_000_000);
    w.deposit(CAROL, 80_000_000);
    w.prices(0, 50_000);
    w.volatility(1, 500_000);
    w.seal();
    w.buildAll();
    if (portfolio) {
      w.world.state().setMarginMode(ALICE, AccountLeafV2.MODE_PORTFOLIO);
      assertThat(w.apply(new Command.SetMarginMode((int) ALICE, true, 1_023), Evidence.NONE))
          .containsExactly(new Event.MarginModeChanged((int) ALICE, true, 1_023));
    }
    return w;
  }

  /**
   * Alice buys 1,000 of the perpetual from carol and writes 1,000 calls to bob at the mark, taking
   * both (a resting short call would be margined as a naked one); returns her orders' events.
   */
  static List<List<Event>> coveredCall(SequencedWorld w) {
    w.limit(CAROL, 0, 1, 1, 50_000, 1_000);
    List<Event> perpetual = w.limit(ALICE, 0, 1, 0, 50_000, 1_000);
    long mark = w.state().market(1).mark();
    w.limit(BOB, 1, 1, 0, mark, 1_000);
    return List.of(perpetual, w.limit(ALICE, 1, 2, 1, mark, 1_000));
  }

  /**
   * The covered call: alice's portfolio initial requirement (3,287,500 at the sequencer's arrays)
   * is below her equity (7,974,175), her cross one (10,000,000) above it. Then she withdraws all
   * the portfolio rule leaves free, not one unit more. Both batches satisfy the circuit.
   */
  @Test
  void aCoveredCallOfAPortfolioAccountProvesWhereCrossMarginRefusesIt() {
    SequencedWorld w = funded(8_000_000, true);
    coveredCall(w);
    Margin margin = new Margin(w.state());
    var alice = w.state().account((int) ALICE);
    long equity = margin.equity(alice);
    assertThat(margin.positionRequirement(alice)).isEqualTo(3_287_500).isLessThan(equity);
    assertThat(margin.crossInitialRequirement(alice)).isEqualTo(10_000_000).isGreaterThan(equity);
    w.seal();
    long free = equity - margin.positionRequirement(alice);
    assertThat(w.withdraw(ALICE, free + 1))
        .containsExactly(new Event.Rejected(RejectReason.INSUFFICIENT_MARGIN));
    assertThat(w.withdraw(ALICE, free)).hasSize(1).first().isInstanceOf(Event.Withdrawn.class);
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built).hasSize(2);
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    for (BuiltBatch b : built) {
      assertThat(b.witness().risk()).extracting(RiskRow::market).containsExactly(0L, 1L);
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d", b.number())
          .isEqualTo(new WitnessCheck(""));
    }
  }

  @Test
  void theSameTradesOfACrossAccountAreRejected() {
    SequencedWorld w = funded(8_000_000, false);
    assertThat(coveredCall(w).get(1))
        .containsExactly(new Event.Rejected(RejectReason.INSUFFICIENT_MARGIN));
  }

  /**
   * The call's entries raised to zero where it loses: the public data still commits the real ones.
   */
  @Test
  void aWitnessLoweringACommittedRiskEntryIsRefused() {
    SequencedWorld w = funded(8_000_000, true);
    coveredCall(w);
    w.seal();
    SettlementWitness honest = w.buildAll().getFirst().witness();
    List<RiskRow> risk = new ArrayList<>(honest.risk());
    RiskRow call = risk.get(1);
    long[] pnl = call.pnl();
    for (int s = 0; s < pnl.length; s++) {
      pnl[s] = Math.max(pnl[s], 0); // the short call never loses
    }
    risk.set(
        1,
        new RiskRow(call.market(), call.underlying(), call.rangePpm(), call.shortMinimum(), pnl));
    WitnessCheck check =
        circuit.check(SettlementCircuit.witness(with(honest, honest.accounts(), risk)));
    System.out.println(check.failure());
    assertThat(check.satisfied()).isFalse();
  }

  /**
   * With collateral enough for the cross rule too (20,000,000), so that only the mode bit's binding
   * to her leaf can refuse it.
   */
  @Test
  void aWitnessClaimingCrossModeForAPortfolioAccountIsRefused() {
    SequencedWorld w = funded(20_000_000, true);
    coveredCall(w);
    w.seal();
    SettlementWitness honest = w.buildAll().getFirst().witness();
    List<AccountRow> accounts = new ArrayList<>();
    for (AccountRow a : honest.accounts()) {
      accounts.add(
          a.index() != ALICE
              ? a
              : new AccountRow(
                  a.index(), a.exists(), a.before().withMode(0), a.slotMarkets(), a.siblings()));
    }
    WitnessCheck check =
        circuit.check(SettlementCircuit.witness(with(honest, accounts, honest.risk())));
    System.out.println(check.failure());
    assertThat(check.satisfied()).isFalse();
  }

  private static SettlementWitness with(
      SettlementWitness w, List<AccountRow> accounts, List<RiskRow> risk) {
    return ForgedWitness.of(w).accounts(accounts).risk(risk).build();
  }
}
