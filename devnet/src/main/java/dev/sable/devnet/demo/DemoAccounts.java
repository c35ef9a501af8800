package dev.sable.devnet.demo;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.state.AccountLeaf;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The demo's traders: deterministic dev keys and account leaves in the layout of docs/state.md (no
 * positions, no fills yet). Dev keys come from public seeds: never fund them anywhere.
 */
final class DemoAccounts {
  private final Fr emptyPositions;
  private final Fr emptyFills;

  DemoAccounts(FieldHasher hasher) {
    emptyPositions = emptyRoot(hasher, StateLayout.POSITION_DEPTH);
    emptyFills = emptyRoot(hasher, StateLayout.FILL_DEPTH);
  }

  private static Fr emptyRoot(FieldHasher hasher, int depth) {
    return SparseMerkleTree.emptySubtreeRoots(hasher, depth)[depth];
  }

  static EdDsaPublicKey traderKey(long account) {
    byte[] seed =
        Arrays.copyOf(("sable demo trader " + account).getBytes(StandardCharsets.UTF_8), 32);
    return EdDsaPrivateKey.fromSeed(seed).publicKey();
  }

  /** The leaf of an account that holds only collateral. */
  AccountLeaf withCollateral(long account, long collateral) {
    EdDsaPublicKey key = traderKey(account);
    return new AccountLeaf(key.x(), key.y(), collateral, 0, emptyPositions, emptyFills);
  }
}
