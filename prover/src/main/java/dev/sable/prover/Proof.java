package dev.sable.prover;

/**
 * A Groth16 proof in two encodings of the same points.
 *
 * @param raw gnark's raw encoding, which the native verifier reads
 * @param solidity the 256-byte calldata (A, B, C in EIP-197 order) the Solidity verifier reads
 * @param proveMillis wall time the native prover took
 */
public record Proof(byte[] raw, byte[] solidity, long proveMillis) {
  public Proof {
    raw = raw.clone();
    solidity = solidity.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public byte[] solidity() {
    return solidity.clone();
  }
}
