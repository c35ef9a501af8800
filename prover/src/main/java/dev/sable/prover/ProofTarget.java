package dev.sable.prover;

/**
 * Who checks a settlement batch's proof: the bridge's Solidity verifier, alone ({@code
 * submitBatch}), or an aggregate's circuit ({@code agg<k>-...}, docs/aggregation.md). For a circuit
 * with a Groth16 commitment (the {@code -blob} settlement circuits) the commitment's challenge is
 * drawn with the verifier's hash (keccak on L1, MiMC in the aggregate), so each refuses the other's
 * proof and a node proves a batch for the way it will be submitted; without a commitment the two
 * proofs are the same.
 */
public enum ProofTarget {
  BRIDGE,
  AGGREGATE
}
