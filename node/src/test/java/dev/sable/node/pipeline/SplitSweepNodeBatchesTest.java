package dev.sable.node.pipeline;

import static dev.sable.node.pipeline.SequencerBatchesTest.ALICE;
import static dev.sable.node.pipeline.SequencerBatchesTest.BOB;
import static dev.sable.node.pipeline.SequencerBatchesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.OrderMessage;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.SettlementState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A liquidation sweep larger than a batch through the node's batch source, at {@code tiny_l2_q1}
 * (two steps and two account rows a batch): Carol (3) and Dave (4) each buy 100 at 3,000 with
 * 31,000 of collateral from Bob; at an oracle price of 2,800 each has equity 11,000, below
 * maintenance (14,000), and the journaled sweep liquidates both (the fund takes each position over
 * at the mark). The source seals the sweep as two batches, one liquidation each, which the builder
 * and the compiled circuit accept in turn, each on the root the one before it left.
 */
class SplitSweepNodeBatchesTest {
  static final Capacities CAPS = Capacities.TINY_L2_Q1;
  static final EdDsaPrivateKey CAROL = EdDsaPrivateKey.fromSeed(SequencerBatchesTest.seed(3));
  static final EdDsaPrivateKey DAVE = EdDsaPrivateKey.fromSeed(SequencerBatchesTest.seed(4));

  @Test
  void aSweepOfTwoLiquidationsIsSealedAsTwoChainedBatchesTheCircuitAccepts() {
    SequencerBatchesTest.Journal j = new SequencerBatchesTest.Journal();
    j.add(new Command.ListMarket(SequencerBatchesTest.SPEC), Provenance.NODE);
    j.time(T0);
    j.price(3_000, T0);
    j.deposit(1, ALICE, 1_000_000_000);
    j.deposit(2, BOB, 1_000_000_000);
    j.deposit(3, CAROL, 31_000);
    j.deposit(4, DAVE, 31_000);
    j.time(T0 + 100);
    j.order(CAROL, new OrderMessage(3, 0, 1, 0, 0, 3_000, 100, 0, 0, 0));
    j.order(DAVE, new OrderMessage(4, 0, 1, 0, 0, 3_000, 100, 0, 0, 0));
    j.order(BOB, new OrderMessage(2, 0, 1, 1, 0, 3_000, 200, 0, 0, 0));
    j.time(T0 + 1_000);
    j.price(2_800, T0 + 1_000);
    j.add(new Command.LiquidationSweep(), Provenance.NODE);
    long sweepEntry = j.entries.size();
    j.time(T0 + 5_000);

    SequencerBatches source =
        new SequencerBatches(CAPS, SettlementGenesis.view(SequencerBatchesTest.markets()), 2_000);
    try (SequencerLoop loop = new SequencerLoop()) {
      loop.addListener(source);
      j.entries.forEach(loop::replay);
    }

    SettlementState state = SequencerBatchesTest.genesis();
    BatchBuilder builder = new BatchBuilder(CAPS);
    List<BuiltBatch> built = new ArrayList<>();
    List<SealedBatch> sealed = new ArrayList<>();
    try (GnarkCircuit circuit = GnarkCircuit.compile(SettlementCircuit.layout(CAPS))) {
      for (Optional<SealedBatch> s = source.next(state); s.isPresent(); s = source.next(state)) {
        BuiltBatch b = builder.build(state, s.get().batch());
        assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
        if (!built.isEmpty()) {
          assertThat(b.before().root()).isEqualTo(built.getLast().after().root());
        }
        state.commit(b.change());
        built.add(b);
        sealed.add(s.get());
      }
    }

    List<SealedBatch> sweep =
        sealed.stream().filter(s -> !s.batch().liquidations().isEmpty()).toList();
    assertThat(sweep)
        .extracting(s -> s.batch().liquidations().getFirst().account())
        .containsExactly(3L, 4L);
    assertThat(sweep).allSatisfy(s -> assertThat(s.batch().liquidations()).hasSize(1));
    // both sealed at the sweep's journal entry, at its time
    assertThat(sweep).extracting(SealedBatch::throughSequence).containsOnly(sweepEntry);
    assertThat(sweep).allSatisfy(s -> assertThat(s.batch().time()).isEqualTo(T0 + 1_000));
    assertThat(state.account(0).orElseThrow().collateral()).isEqualTo(2 * 11_000);
    assertThat(state.batchNumber()).isEqualTo(built.size());
  }
}
