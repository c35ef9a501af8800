package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.StepKind;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The promise of the sequencer, the sealing rule and the adapter together, as a property: over
 * seeded random command streams going through every mix (crossing, amends, deposits and
 * withdrawals, volatile marks, funding ticks, crashes followed by liquidation sweeps), every batch
 * the rule seals is accepted by the builder and satisfies the compiled settlement circuit at the
 * Small capacities with 24 liquidation steps, and afterwards the settlement state holds exactly the
 * sequencer's accounts and pools.
 */
class SequencerBatchesPropertyTest {
  static final int COMMANDS_PER_MIX = 30;

  /** Log time after which a batch is sealed: the streams reach it too. */
  static final long MAX_AGE = 400;

  static GnarkCircuit circuit;
  static int batches;
  static int sweeps;
  static final Map<StepKind, Integer> steps = new EnumMap<>(StepKind.class);

  @BeforeContainer
  static void compile() {
    circuit = GnarkCircuit.compile(SettlementCircuit.layout(SequencedWorld.LIQUIDATING));
  }

  @AfterContainer
  static void close() {
    circuit.close();
    System.out.println(
        "SequencerBatchesPropertyTest: "
            + batches
            + " batches checked, "
            + sweeps
            + " with a sweep, steps "
            + steps);
  }

  @Property // tries: jqwik.tries.default (3 in CI, junit-platform.properties)
  void everySealedBatchIsProvable(@ForAll long seed) {
    SequencedWorld w = new SequencedWorld(SequencedWorld.LIQUIDATING, MAX_AGE, 2);
    RandomStream stream = new RandomStream(w, seed, 2);
    stream.open();
    for (RandomStream.Mix mix : RandomStream.Mix.values()) {
      for (int i = 0; i < COMMANDS_PER_MIX; i++) {
        stream.next(mix);
        check(w);
      }
    }
    w.seal();
    check(w);
    assertThat(w.differences()).isEmpty();
  }

  private static void check(SequencedWorld w) {
    for (BuiltBatch b : w.buildAll()) {
      batches++;
      sweeps += b.witness().steps().isEmpty() ? 0 : 1;
      b.witness().steps().forEach(r -> steps.merge(r.kind(), 1, Integer::sum));
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d: %s", b.number(), w.lastBuilt)
          .isEqualTo(new WitnessCheck(""));
    }
  }
}
