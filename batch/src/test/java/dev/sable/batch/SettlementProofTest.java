package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import dev.sable.prover.WitnessCheck;
import java.math.BigInteger;
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
  static final long BTC = 3;

  @Test
  void aBatchBuiltByJavaIsProvenAndVerifiedThroughJni(@TempDir Path keyDir) {
    SampleWorld w = new SampleWorld(Capacities.TINY, BTC);
    w.apply(
        new SettlementBatch(
            100,
            List.of(),
            List.of(w.price(BTC, 0, 50_000, 99)),
            List.of(w.deposit(5, 100_000_000), w.deposit(9, 80_000_000)),
            List.of(),
            List.of()));
    BuiltBatch trade =
        w.build(
            new SettlementBatch(
                120,
                List.of(),
                List.of(),
                List.of(),
                List.of(
                    SampleWorld.trade(
                        w.order(5, BTC, 1, 0, 50_000, 1_000),
                        w.order(9, BTC, 1, 1, 50_000, 600),
                        600,
                        50_000)),
                List.of(w.withdraw(5, 1_000_000))));

    try (GnarkProver prover =
        GnarkProver.open(
            SettlementCircuit.layout(Capacities.TINY), keyDir, KeyPolicy.DEVELOPMENT_SETUP)) {
      assertThat(prover.keys().circuit()).isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1");
      assertThat(prover.check(trade.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      Proof proof = prover.prove(trade.gnarkWitness());
      PublicInputs p = trade.witness().publicInputs();
      assertThat(prover.verify(proof, p.asList())).isTrue();
      assertThat(proof.solidity()).hasSize(256);

      Fr otherY = Fr.of(p.evaluation().toBigInteger().add(BigInteger.ONE));
      assertThat(prover.verify(proof, List.of(p.commitment(), p.challenge(), otherY))).isFalse();
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
