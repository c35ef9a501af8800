package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.Fr;
import dev.sable.prover.GnarkProver;
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
  @Test
  void aBlobBatchBuiltByJavaIsProvenAndVerifiedThroughJni(@TempDir Path keyDir) {
    SampleWorld w = OneTradeProof.funded(Capacities.TINY_OWNER_BLOB);
    BuiltBatch trade = OneTradeProof.trade(w, List.of());
    List<Fr> d = trade.witness().publicData();
    assertThat(d).hasSize(Capacities.TINY_OWNER_BLOB.publicDataLength());
    int at = Capacities.TINY_OWNER_BLOB.ownerDataAt() + Capacities.OWNER_HEADER;
    assertThat(d.get(at))
        .as("the versioned hash's high half starts with version 0x01")
        .matches(vh -> vh.toBigInteger().shiftRight(120).intValueExact() == 1);

    try (GnarkProver prover = OneTradeProof.prover(Capacities.TINY_OWNER_BLOB, keyDir)) {
      assertThat(prover.keys().circuit()).isEqualTo("settlement-m1-k1-a2-d2-o2-t1-w1-owner-blob");
      // No prover.check here: the native solver refuses circuits with a Groth16 commitment
      // ("placeholder function: to be replaced by commitment computation"); proving solves it.
      OneTradeProof.proveAndVerify(prover, trade);
    }
  }
}
