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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Groth16 proof, through JNI, of a -owner-blob batch Java built (the owner rows in a blob,
 * its section in the public data, the opening in the witness) at TINY_OWNER_BLOB: development keys,
 * proven with the Solidity-target options the native library uses, verified for its own public
 * inputs only. Java's -blob public data and witness equal Go's value for value at the Owner
 * capacities (OwnerBlobVectorsTest, ownerblobbatches.txt).
 */
class OwnerBlobProofTest {
  static final long BTC = 3;

  @Test
  void aBlobBatchBuiltByJavaIsProvenAndVerifiedThroughJni(@TempDir Path keyDir) {
    SampleWorld w = new SampleWorld(Capacities.TINY_OWNER_BLOB, BTC);
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
                List.of()));
    List<Fr> d = trade.witness().publicData();
    assertThat(d).hasSize(Capacities.TINY_OWNER_BLOB.publicDataLength());
    int at = Capacities.TINY_OWNER_BLOB.ownerDataAt() + Capacities.OWNER_HEADER;
    assertThat(d.get(at))
        .as("the versioned hash's high half starts with version 0x01")
        .matches(vh -> vh.toBigInteger().shiftRight(120).intValueExact() == 1);

    try (GnarkProver prover =
        GnarkProver.open(
            SettlementCircuit.layout(Capacities.TINY_OWNER_BLOB),
            keyDir,
            KeyPolicy.DEVELOPMENT_SETUP)) {
      assertThat(prover.keys().circuit()).isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob");
      // No prover.check here: the native solver refuses circuits with a Groth16 commitment
      // ("placeholder function: to be replaced by commitment computation"); proving solves it.
      Proof proof = prover.prove(trade.gnarkWitness());
      PublicInputs p = trade.witness().publicInputs();
      assertThat(prover.verify(proof, p.asList())).isTrue();
      Fr otherY = Fr.of(p.evaluation().toBigInteger().add(BigInteger.ONE));
      assertThat(prover.verify(proof, List.of(p.commitment(), p.challenge(), otherY))).isFalse();
    }
  }
}
