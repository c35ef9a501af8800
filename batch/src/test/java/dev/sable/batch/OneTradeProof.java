package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * The set-up the real-proof tests share (SettlementProofTest, OwnerBlobProofTest): a world at BTC
 * whose first batch prices it and funds accounts 5 and 9, a second batch with one fill between
 * them, development keys for the capacities, and a proof that verifies for its own public inputs
 * only.
 */
final class OneTradeProof {
  static final long BTC = 3;

  private OneTradeProof() {}

  /** A world at these capacities after its first batch: BTC priced, accounts 5 and 9 funded. */
  static SampleWorld funded(Capacities caps) {
    SampleWorld w = new SampleWorld(caps, BTC);
    w.apply(
        new SettlementBatch(
            100,
            List.of(),
            List.of(w.price(BTC, 0, 50_000, 99)),
            List.of(w.deposit(5, 100_000_000), w.deposit(9, 80_000_000)),
            List.of(),
            List.of()));
    return w;
  }

  /** The next batch, built (not committed): 5 buys 600 BTC from 9 at 50,000, and withdrawals. */
  static BuiltBatch trade(SampleWorld w, List<Withdrawal> withdrawals) {
    return w.build(
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
            withdrawals));
  }

  /** A prover at these capacities with development keys set up in keyDir. */
  static GnarkProver prover(Capacities caps, Path keyDir) {
    return GnarkProver.open(SettlementCircuit.layout(caps), keyDir, KeyPolicy.DEVELOPMENT_SETUP);
  }

  /**
   * Proves the batch and checks that the proof verifies for its public inputs and not for them with
   * another evaluation.
   */
  static Proof proveAndVerify(GnarkProver prover, BuiltBatch batch) {
    Proof proof = prover.prove(batch.gnarkWitness());
    PublicInputs p = batch.witness().publicInputs();
    assertThat(prover.verify(proof, p.asList())).isTrue();
    Fr otherY = Fr.of(p.evaluation().toBigInteger().add(BigInteger.ONE));
    assertThat(prover.verify(proof, List.of(p.commitment(), p.challenge(), otherY))).isFalse();
    return proof;
  }
}
