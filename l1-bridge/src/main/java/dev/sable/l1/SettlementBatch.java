package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;

/**
 * What the operator posts for one settlement batch: its public data d, the circuit's commitment c
 * to it and the Groth16 proof in the verifier's calldata encoding (256 bytes; 384 for a circuit
 * with a Groth16 commitment, as the {@code -blob} circuits have: the commitment and its proof of
 * knowledge follow the proof); for a {@code -owner-blob} batch also the blobs holding its owner
 * rows, in blob order, which its transaction carries (a type-3 transaction calling {@code
 * submitBlobBatch}; without a blob, {@code submitBatch}).
 */
public record SettlementBatch(
    List<BigInteger> publicData, BigInteger commitment, byte[] proof, List<BatchBlob> blobs) {
  public static final int PROOF_BYTES = 256;
  public static final int PROOF_WITH_COMMITMENT_BYTES = 384;

  public SettlementBatch {
    publicData = List.copyOf(publicData);
    if (proof.length != PROOF_BYTES && proof.length != PROOF_WITH_COMMITMENT_BYTES) {
      throw new IllegalArgumentException(
          "a proof is "
              + PROOF_BYTES
              + " bytes in the verifier's encoding ("
              + PROOF_WITH_COMMITMENT_BYTES
              + " with a commitment), not "
              + proof.length);
    }
    proof = proof.clone();
    blobs = List.copyOf(blobs);
  }

  /** A batch without a blob (its owner rows, if any, in the public data). */
  public SettlementBatch(List<BigInteger> publicData, BigInteger commitment, byte[] proof) {
    this(publicData, commitment, proof, List.of());
  }

  /** A batch whose transaction carries {@code blob}. */
  public SettlementBatch(
      List<BigInteger> publicData, BigInteger commitment, byte[] proof, BatchBlob blob) {
    this(publicData, commitment, proof, List.of(blob));
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }

  /** The carried blobs' versioned hashes, in blob order. */
  public List<byte[]> versionedHashes() {
    return blobs.stream().map(BatchBlob::versionedHash).toList();
  }
}
