package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;

/**
 * What the operator posts for one settlement batch: its public data d, the circuit's commitment c
 * to it and the Groth16 proof in the verifier's calldata encoding (256 bytes).
 */
public record SettlementBatch(List<BigInteger> publicData, BigInteger commitment, byte[] proof) {
  public static final int PROOF_BYTES = 256;

  public SettlementBatch {
    publicData = List.copyOf(publicData);
    if (proof.length != PROOF_BYTES) {
      throw new IllegalArgumentException(
          "a proof is " + PROOF_BYTES + " bytes in the verifier's encoding, not " + proof.length);
    }
    proof = proof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }
}
