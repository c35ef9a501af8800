package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The promise of the sequencer, the sealing rule and the adapter together, as a property: over
 * seeded random command streams going through every mix (crossing, amends, deposits and
 * withdrawals, volatile marks, funding ticks), every batch the rule seals is accepted by the
 * builder and satisfies the compiled settlement circuit at the Small capacities, and afterwards the
 * settlement state holds exactly the sequencer's accounts and pools.
 */
class SequencerBatchesPropertyTest {
  static final int COMMANDS_PER_MIX = 30;

  /** Log time after which a batch is sealed: the streams reach it too. */
  static final long MAX_AGE = 400;

  static GnarkCircuit circuit;
  static int batches;

  @BeforeContainer
  static void compile() {
    circuit = GnarkCircuit.compile(SettlementCircuit.layout(Capacities.SMALL));
  }

  @AfterContainer
  static void close() {
    circuit.close();
    System.out.println("SequencerBatchesPropertyTest: " + batches + " batches checked");
  }

  @Property // tries: jqwik.tries.default (3 in CI, junit-platform.properties)
  void everySealedBatchIsProvable(@ForAll long seed) {
    SequencedWorld w = new SequencedWorld(Capacities.SMALL, MAX_AGE, 2);
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
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d: %s", b.number(), w.lastBuilt)
          .isEqualTo(new WitnessCheck(""));
    }
  }
}
