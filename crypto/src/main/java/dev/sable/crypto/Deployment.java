package dev.sable.crypto;

/**
 * The deployment a signed message is bound to: the L1 chain id and the bridge contract address (160
 * bits, as an integer). Every message hash includes both, so a signature cannot be replayed on
 * another chain or another deployment.
 */
public record Deployment(long chainId, Fr contract) {
  public Deployment {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive");
    }
    if (contract.toBigInteger().bitLength() > 160) {
      throw new IllegalArgumentException("contract address wider than 160 bits");
    }
  }
}
