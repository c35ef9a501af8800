package dev.sable.state;

import dev.sable.crypto.Fr;
import java.util.List;

/**
 * The witness of one leaf change, in the state-update circuit's layout (circuits/stateupdate):
 * public OldRoot and NewRoot, private Index, OldLeaf, NewLeaf and Siblings from the leaf level
 * upwards.
 */
public record LeafUpdate(
    long index, Fr oldLeaf, Fr newLeaf, Fr oldRoot, Fr newRoot, List<Fr> siblings) {
  public LeafUpdate {
    siblings = List.copyOf(siblings);
  }

  public MerkleProof oldProof() {
    return new MerkleProof(index, oldLeaf, oldRoot, siblings);
  }

  public MerkleProof newProof() {
    return new MerkleProof(index, newLeaf, newRoot, siblings);
  }
}
