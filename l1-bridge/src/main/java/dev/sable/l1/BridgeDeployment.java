package dev.sable.l1;

import java.math.BigInteger;

/**
 * What a new bridge is deployed with.
 *
 * @param verifierCreationCode the gnark-exported verifier compiled for the node's keys
 * @param genesisRoot the state root before the first batch (below BN254's scalar field)
 * @param governance the TimelockController that alone changes the bridge's rules
 * @param guardian the address that can pause batch submission at once
 * @param verifyGas gas forwarded to the verifier (150,000 to 5,000,000)
 */
public record BridgeDeployment(
    String verifierCreationCode,
    BigInteger genesisRoot,
    String governance,
    String guardian,
    long verifyGas) {

  /** Enough for a Groth16 check of two public inputs (~200k) with margin. */
  public static final long DEFAULT_VERIFY_GAS = 400_000;
}
