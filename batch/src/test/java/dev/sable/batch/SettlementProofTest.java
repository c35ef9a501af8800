package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.prover.WitnessCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Groth16 proof of a batch Java built, through JNI, at the Tiny capacities (CI's budget):
 * development keys set up for settlement-m1-k1-a2-d2-o2-t1-w1, a trade and a withdrawal proven and
 * verified locally; the proof verifies for its own public inputs only.
 */
class SettlementProofTest {
  @Test
  void aBatchBuiltByJavaIsProvenAndVerifiedThroughJni(@TempDir Path keyDir) {
    SampleWorld w = OneTradeProof.funded(Capacities.TINY);
    BuiltBatch trade = OneTradeProof.trade(w, List.of(w.withdraw(5, 1_000_000)));

    try (GnarkProver prover = OneTradeProof.prover(Capacities.TINY, keyDir)) {
      assertThat(prover.keys().circuit()).isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1");
      assertThat(prover.check(trade.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      Proof proof = OneTradeProof.proveAndVerify(prover, trade);
      assertThat(proof.solidity()).hasSize(256);

      // the same state change under the next batch number: other public data, other inputs
      w.state().commit(trade.change());
      BuiltBatch next = w.build(SettlementBatch.empty(120));
      assertThat(prover.verify(proof, next.witness().publicInputs().asList())).isFalse();
      assertThat(
              prover.verify(
                  prover.prove(next.gnarkWitness()), next.witness().publicInputs().asList()))
          .isTrue();
    }
  }
}
