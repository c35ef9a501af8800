package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.AdlFill;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CapacityException;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.Deleveraging;
import dev.sable.batch.Liquidation;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementRuleException;
import dev.sable.batch.Takeover;
import dev.sable.crypto.Fr;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.KeyPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sequencer's liquidation sweeps reach batches (docs/settlement.md, "What the sequencer's
 * liquidation must emit"): each kind of liquidation is mapped to the builder's operations, ends its
 * batch, is accepted by the builder, satisfies the compiled circuit (Sweep capacities) and leaves
 * the settlement state equal to the sequencer's; a batch whose sweep breaks a rule is refused by
 * the builder, naming it.
 *
 * <p>Alice (5) buys 1,000 at 50,000 on 5.1 million as the maker (rebate 5,000) from Bob (9);
 * maintenance 5%, the band mark -/+ 5%.
 */
class LiquidationBatchesTest {
  static final long ALICE = SettlementBatcherTest.ALICE;
  static final long BOB = SettlementBatcherTest.BOB;
  static final long CAROL = 6;
  static final long DAVE = 8;

  private static SequencedWorld world(Capacities caps) {
    SequencedWorld w = new SequencedWorld(caps, Long.MAX_VALUE, 2);
    w.time(100);
    w.deposit(ALICE, 5_100_000);
    for (long a : List.of(BOB, CAROL, DAVE)) {
      w.deposit(a, 100_000_000);
    }
    w.prices(0, 50_000);
    w.prices(1, 50_000);
    SettlementBatcherTest.aliceBuys(w);
    return w;
  }

  @RegisterExtension
  static final CompiledSettlement circuit = new CompiledSettlement(Capacities.SWEEP);

  /**
   * The sweep, which must seal the batch it ends; returns that batch, built, after every batch
   * sealed so far satisfied the compiled circuit.
   */
  private static SettlementBatch sweep(SequencedWorld w) {
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    SealedBatch last = w.sealed.getLast();
    assertThat(last.reason()).isEqualTo(SealedBatch.Reason.LIQUIDATION_SWEEP);
    for (BuiltBatch b : w.buildAll()) {
      assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
    }
    assertThat(w.differences()).isEmpty();
    return last.batch();
  }

  private static void crash(SequencedWorld w, long price) {
    w.time(101);
    w.prices(0, price);
  }

  @Test
  void aTakeoverWithASurplusEndsItsBatch() {
    SequencedWorld w = world(Capacities.SWEEP);
    crash(w, 45_000); // equity 105,000 below 2.25 million; the fund (0) can pay a deficit of 0
    SettlementBatch b = sweep(w);
    assertThat(b.liquidations())
        .containsExactly(
            new Liquidation(
                ALICE,
                List.of(),
                List.of(new Takeover(0, 1_000, 45_000)),
                Optional.empty(),
                105_000,
                0,
                0));
    assertThat(w.world.state().account(0).orElseThrow().collateral()).isEqualTo(105_000);
  }

  /**
   * Carol's bid takes 400 at 44,000 (Alice: -400,000 and the taker fee 8,800: equity -303,800); the
   * fund, funded with 1 million, takes the other 600 over at the mark and covers the deficit.
   */
  @Test
  void aCloseIntoTheBookThenATakeover() {
    SequencedWorld w = world(Capacities.SWEEP);
    w.deposit(0, 1_000_000, new KeyPoint(Fr.ZERO, Fr.ZERO));
    w.limit(CAROL, 0, 1, 0, 44_000, 400); // inside the band: 45,000 - 2,250
    w.limit(DAVE, 0, 1, 0, 42_700, 400); // below it
    crash(w, 45_000);
    SettlementBatch b = sweep(w);
    Liquidation l = b.liquidations().getFirst();
    assertThat(l.closes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.maker().order().accountIndex()).isEqualTo(CAROL);
              assertThat(c.quantity()).isEqualTo(400);
              assertThat(c.price()).isEqualTo(44_000);
            });
    assertThat(l.takeovers()).containsExactly(new Takeover(0, 600, 45_000));
    assertThat(l.covered()).isEqualTo(303_800);
  }

  /**
   * Carol's bid takes all 1,000 at 44,000: Alice ends flat at 5,105,000 - 6,000,000 - 22,000 (the
   * taker fee) = -917,000, which the empty fund cannot pay: an end step with an uncovered deficit.
   */
  @Test
  void aCloseOfTheWholePositionLeavesAnUncoveredDeficit() {
    SequencedWorld w = world(Capacities.SWEEP);
    w.limit(CAROL, 0, 1, 0, 44_000, 1_000);
    crash(w, 45_000);
    Liquidation l = sweep(w).liquidations().getFirst();
    assertThat(l.closes()).hasSize(1);
    assertThat(l.takeovers()).isEmpty();
    assertThat(l.adl()).isEmpty();
    assertThat(l.uncovered()).isEqualTo(917_000);
  }

  /**
   * Alice left flat at -917,000 is not liquidated again by the next sweep (which seals nothing);
   * once the fund holds 500,000 a sweep settles her again: a one-step liquidation with the fund's
   * cover and the rest uncovered, proven like the first.
   */
  @Test
  void aBankruptFlatAccountIsSettledAgainOnlyWhenTheFundCanPay() {
    SequencedWorld w = world(Capacities.SWEEP);
    w.limit(CAROL, 0, 1, 0, 44_000, 1_000);
    crash(w, 45_000);
    sweep(w);
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    assertThat(w.sealed).isEmpty();
    assertThat(w.batcher.batchOpen()).isFalse();

    w.deposit(0, 500_000, new KeyPoint(Fr.ZERO, Fr.ZERO));
    assertThat(sweep(w).liquidations())
        .containsExactly(
            new Liquidation(ALICE, List.of(), List.of(), Optional.empty(), 0, 500_000, 417_000));
    assertThat(w.world.state().account(ALICE).orElseThrow().collateral()).isEqualTo(-417_000);
  }

  /**
   * The fund is empty and Alice's equity at 40,000 is 5,105,000 - 10,000,000 = -4,895,000: she is
   * deleveraged against the shorts, Bob (600, score 6 million) before Dave (400, 4 million), at
   * 40,000 + ceil(4,895,000 / 1,000) = 44,895.
   */
  private static SequencedWorld deleveraged() {
    SequencedWorld w = new SequencedWorld(Capacities.SWEEP, Long.MAX_VALUE, 2);
    w.time(100);
    w.deposit(ALICE, 5_100_000);
    w.deposit(BOB, 100_000_000);
    w.deposit(DAVE, 100_000_000);
    w.prices(0, 50_000);
    w.limit(ALICE, 0, 1, 0, 50_000, 1_000);
    w.limit(BOB, 0, 1, 1, 50_000, 600);
    w.limit(DAVE, 0, 1, 1, 50_000, 400);
    crash(w, 40_000);
    return w;
  }

  @Test
  void anAutoDeleveragingAgainstTheShortsInRankOrder() {
    SequencedWorld w = deleveraged();
    SettlementBatch b = sweep(w);
    assertThat(b.liquidations().getFirst().adl())
        .contains(
            new Deleveraging(
                0, List.of(new AdlFill(BOB, 0, 600, 44_895), new AdlFill(DAVE, 0, 400, 44_895))));
  }

  @Test
  void theFundUnwindsInALaterSweep() {
    SequencedWorld w = world(Capacities.SWEEP);
    crash(w, 45_000);
    sweep(w);
    w.limit(CAROL, 0, 2, 0, 44_500, 300);
    SettlementBatch b = sweep(w);
    assertThat(b.liquidations()).isEmpty();
    assertThat(b.unwinds())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.maker().order().accountIndex()).isEqualTo(CAROL);
              assertThat(c.quantity()).isEqualTo(300);
            });
    assertThat(w.state().account(0).size(0)).isEqualTo(700);
  }

  @Test
  void aSweepNeedsACircuitWithLiquidationSteps() {
    SequencedWorld w = world(Capacities.SMALL);
    crash(w, 45_000);
    assertThatThrownBy(() -> w.apply(new Command.LiquidationSweep(), Evidence.NONE))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining(Capacities.SMALL.circuitName());
  }

  /** A sequencer that liquidated a healthy account: the builder refuses the sealed batch. */
  @Test
  void aLiquidationOfAHealthyAccountIsRefusedByTheBuilder() {
    SequencedWorld w = world(Capacities.SWEEP);
    w.seal();
    w.buildAll();
    // Alice is at 5,105,000 against 2.5 million of maintenance at 50,000: forged events
    List<SealedBatch> sealed =
        w.batcher.accept(
            1_000,
            new Command.LiquidationSweep(),
            Evidence.NONE,
            List.of(
                new Event.Liquidated((int) ALICE, 5_105_000, 2_500_000),
                new Event.PositionTakeover((int) ALICE, 0, 1_000, 50_000, 0),
                new Event.InsuranceSurplus((int) ALICE, 5_105_000)));
    SealedBatch s = sealed.getLast();
    assertThat(s.reason()).isEqualTo(SealedBatch.Reason.LIQUIDATION_SWEEP);
    assertRefused(w, s.batch(), Rule.LIQUIDATION_MARGIN);
  }

  /** Dave (score 4 million) deleveraged before Bob (6 million): refused. */
  @Test
  void anAutoDeleveragingOutOfRankIsRefusedByTheBuilder() {
    SequencedWorld w = deleveraged();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    SettlementBatch honest = w.sealed.getLast().batch();
    Liquidation l = honest.liquidations().getFirst();
    Deleveraging d = l.adl().orElseThrow();
    List<AdlFill> swapped =
        List.of(new AdlFill(DAVE, 0, 400, 44_895), new AdlFill(BOB, 0, 600, 44_895));
    assertThat(d.fills()).containsExactlyInAnyOrderElementsOf(swapped);
    List<Liquidation> forged = new ArrayList<>();
    forged.add(
        new Liquidation(
            l.account(),
            l.closes(),
            l.takeovers(),
            Optional.of(new Deleveraging(d.covered(), swapped)),
            l.surplus(),
            l.covered(),
            l.uncovered()));
    SettlementBatch out =
        new SettlementBatch(
            honest.time(),
            honest.fundingTicks(),
            honest.prices(),
            honest.deposits(),
            honest.trades(),
            honest.withdrawals(),
            forged,
            honest.unwinds());
    for (SealedBatch s : w.sealed.subList(0, w.sealed.size() - 1)) {
      w.world.apply(s.batch());
    }
    assertRefused(w, out, Rule.ADL_RANK);
    w.world.apply(honest);
  }

  private static void assertRefused(SequencedWorld w, SettlementBatch batch, Rule rule) {
    var root = w.world.state().root();
    assertThatThrownBy(() -> w.world.build(batch))
        .isInstanceOfSatisfying(
            SettlementRuleException.class, e -> assertThat(e.breaks(rule)).as("%s", e).isTrue());
    assertThat(w.world.state().root()).isEqualTo(root);
  }
}
