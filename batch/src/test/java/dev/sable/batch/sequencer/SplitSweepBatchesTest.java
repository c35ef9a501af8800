package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CapacityException;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.Liquidation;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementRuleException;
import dev.sable.batch.Takeover;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A liquidation sweep larger than a batch is spread over consecutive batches, a liquidation at a
 * time, at {@code tiny_l2_q1} (two steps, two account rows: one liquidation ending in the fund's
 * takeover per batch). Each batch satisfies the compiled circuit on its own, proven from the state
 * the batch before it left (the roots chain), and the settlement state ends equal to the
 * sequencer's.
 *
 * <p>Alice (5), Carol (6) and Erin (7), 5.1 million each, buy 1,000 at 50,000 as makers from Bob
 * (9); at a mark of 45,000 each has equity 105,000, below maintenance (2.25 million), and the fund
 * takes each position over at the mark. The same holds for the fund's unwind fills.
 */
class SplitSweepBatchesTest {
  static final long ALICE = SettlementBatcherTest.ALICE;
  static final long BOB = SettlementBatcherTest.BOB;
  static final long CAROL = 6;
  static final long ERIN = 7;
  static final long DAVE = 8;
  static final Capacities CAPS = Capacities.TINY_L2_Q1;

  @RegisterExtension static final CompiledSettlement circuit = new CompiledSettlement(CAPS);

  private static SequencedWorld threeLongs() {
    SequencedWorld w = new SequencedWorld(CAPS, Long.MAX_VALUE, 1);
    w.time(100);
    w.deposit(BOB, 100_000_000);
    w.deposit(DAVE, 100_000_000);
    w.prices(0, 50_000);
    for (long a : List.of(ALICE, CAROL, ERIN)) {
      w.deposit(a, 5_100_000);
      w.limit(a, 0, 1, 0, 50_000, 1_000);
    }
    w.limit(BOB, 0, 1, 1, 50_000, 3_000);
    w.time(101);
    w.prices(0, 45_000);
    return w;
  }

  @Test
  void aSweepOfThreeLiquidationsIsProvenInThreeChainedBatches() {
    SequencedWorld w = threeLongs();
    w.seal();
    List<BuiltBatch> before = w.buildAll();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    List<SealedBatch> sweep = List.copyOf(w.sealed);

    assertThat(sweep)
        .extracting(SealedBatch::reason)
        .containsOnly(SealedBatch.Reason.LIQUIDATION_SWEEP)
        .hasSize(3);
    assertThat(sweep)
        .extracting(s -> s.batch().liquidations())
        .containsExactly(
            List.of(takeover(ALICE)), List.of(takeover(CAROL)), List.of(takeover(ERIN)));
    assertThat(sweep).allSatisfy(s -> assertThat(s.batch().time()).isEqualTo(101));

    List<BuiltBatch> built = w.buildAll();
    BuiltBatch previous = before.getLast();
    for (BuiltBatch b : built) {
      assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      assertThat(b.before().root()).isEqualTo(previous.after().root());
      previous = b;
    }
    assertThat(w.differences()).isEmpty();
    assertThat(w.world.state().account(0).orElseThrow().collateral()).isEqualTo(3 * 105_000);
  }

  /**
   * The fund, long 3,000 after the sweep above, unwinds into two bids in the next sweep: Bob's 300
   * at 44,500 and Dave's 200 at 44,000 (the band's floor is 42,750). Each unwind fill needs its
   * maker's row beside the fund's, so the two are proven in two batches, one fill each.
   */
  @Test
  void theFundsUnwindFillsAreSpreadOneABatch() {
    SequencedWorld w = threeLongs();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    w.limit(BOB, 0, 2, 0, 44_500, 300);
    w.limit(DAVE, 0, 1, 0, 44_000, 200);
    w.seal();
    List<BuiltBatch> before = w.buildAll();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    List<SealedBatch> sweep = List.copyOf(w.sealed);

    assertThat(sweep)
        .extracting(SealedBatch::reason)
        .containsOnly(SealedBatch.Reason.LIQUIDATION_SWEEP)
        .hasSize(2);
    assertThat(sweep).allSatisfy(s -> assertThat(s.batch().liquidations()).isEmpty());
    assertThat(sweep)
        .extracting(s -> s.batch().unwinds().getFirst().maker().order().accountIndex())
        .containsExactly(BOB, DAVE);
    assertThat(sweep).allSatisfy(s -> assertThat(s.batch().unwinds()).hasSize(1));

    BuiltBatch previous = before.getLast();
    for (BuiltBatch b : w.buildAll()) {
      assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      assertThat(b.before().root()).isEqualTo(previous.after().root());
      previous = b;
    }
    assertThat(w.differences()).isEmpty();
    assertThat(w.state().account(0).size(0)).isEqualTo(2_500);
  }

  /** Alice's part proven again on top of the whole sweep: she is flat, so it is refused. */
  @Test
  void aPartReplayedAfterTheSweepIsRefused() {
    SequencedWorld w = threeLongs();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    SettlementBatch alice = w.sealed.get(w.sealed.size() - 3).batch();
    assertThat(alice.liquidations()).containsExactly(takeover(ALICE));
    w.buildAll();
    var root = w.world.state().root();
    assertThatThrownBy(() -> w.world.build(alice))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(Rule.LIQUIDATION_MARGIN)).as("%s", e).isTrue());
    assertThat(w.world.state().root()).isEqualTo(root);
  }

  /**
   * One liquidation is the smallest part: Alice's close into Dave's bid needs Dave's row beside
   * hers and the fund's, more than the two an empty batch has, so batching stops there.
   */
  @Test
  void aLiquidationLargerThanAnEmptyBatchStillStopsBatching() {
    SequencedWorld w = threeLongs();
    w.limit(DAVE, 0, 1, 0, 44_000, 100); // within the band: 45,000 - 2,250
    assertThatThrownBy(() -> w.apply(new Command.LiquidationSweep(), Evidence.NONE))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining(CAPS.circuitName());
  }

  private static Liquidation takeover(long account) {
    return new Liquidation(
        account,
        List.of(),
        List.of(new Takeover(0, 1_000, 45_000)),
        Optional.empty(),
        105_000,
        0,
        0);
  }
}
