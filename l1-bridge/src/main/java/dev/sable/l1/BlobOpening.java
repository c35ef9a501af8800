package dev.sable.l1;

import java.math.BigInteger;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The {@code Blob} argument of SettlementBlobBridge.submitBlobBatch: the index of the first blob
 * holding the owner rows among the transaction's blobs, the blobs' KZG commitments and the KZG
 * proofs of their values at their z (48 bytes each, concatenated in blob order). A web3j struct, so
 * that the ABI coder encodes and decodes it.
 */
public final class BlobOpening extends DynamicStruct {
  private final BigInteger index;
  private final byte[] commitment;
  private final byte[] proof;

  /** The struct's ABI types in order (web3j's decoder builds it through this constructor). */
  public BlobOpening(Uint256 index, DynamicBytes commitment, DynamicBytes proof) {
    super(index, commitment, proof);
    this.index = index.getValue();
    this.commitment = commitment.getValue().clone();
    this.proof = proof.getValue().clone();
  }

  public BlobOpening(long index, byte[] commitment, byte[] proof) {
    this(new Uint256(index), new DynamicBytes(commitment), new DynamicBytes(proof));
  }

  /** The blob's index among the transaction's blobs. */
  public BigInteger index() {
    return index;
  }

  /** The blob's KZG commitment. */
  public byte[] commitment() {
    return commitment.clone();
  }

  /** The KZG proof of the blob's value at the public data's z. */
  public byte[] proof() {
    return proof.clone();
  }
}
