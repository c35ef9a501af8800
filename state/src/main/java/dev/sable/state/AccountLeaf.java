package dev.sable.state;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;

/**
 * One account in the account tree. The owner's EdDSA key is kept affine (both coordinates are
 * circuit inputs); (0, 0) marks a keyless system account (the insurance fund at index 0).
 *
 * @param collateral collateral base units, signed (an uncovered deficit is negative)
 * @param nonce withdrawal nonce, in [0, 2^63)
 * @param positionsRoot root of the positions tree (depth {@link StateLayout#POSITION_DEPTH})
 * @param fillsRoot root of the order-fill slot tree (depth {@link StateLayout#FILL_DEPTH})
 */
public record AccountLeaf(
    Fr pubKeyX, Fr pubKeyY, long collateral, long nonce, Fr positionsRoot, Fr fillsRoot) {
  public AccountLeaf {
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be non-negative");
    }
  }

  /** The level-0 node: Poseidon2-MD(tag, pkX, pkY, collateral, nonce, positionsRoot, fillsRoot). */
  public Fr hash() {
    return Poseidon2.INSTANCE.hash(
        DomainTag.ACCOUNT,
        pubKeyX,
        pubKeyY,
        Fr.ofLong(collateral),
        Fr.ofLong(nonce),
        positionsRoot,
        fillsRoot);
  }
}
