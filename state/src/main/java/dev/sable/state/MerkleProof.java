package dev.sable.state;

import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import java.util.List;

/** The path of one leaf: its siblings from the leaf level upwards, and the root they imply. */
public record MerkleProof(long index, Fr leaf, Fr root, List<Fr> siblings) {
  public MerkleProof {
    siblings = List.copyOf(siblings);
  }

  /** The root that leaf and siblings fold into; index bit i set means a right child at level i. */
  public static Fr fold(FieldHasher hasher, long index, Fr leaf, List<Fr> siblings) {
    Fr node = leaf;
    for (Fr sibling : siblings) {
      node = parent(hasher, index, node, sibling);
      index >>>= 1;
    }
    return node;
  }

  /** The parent of node, given its position's low bit and its sibling. */
  static Fr parent(FieldHasher hasher, long index, Fr node, Fr sibling) {
    return (index & 1) == 0 ? hasher.compress(node, sibling) : hasher.compress(sibling, node);
  }

  public Fr rootFrom(FieldHasher hasher) {
    return fold(hasher, index, leaf, siblings);
  }

  public boolean verify(FieldHasher hasher) {
    return rootFrom(hasher).equals(root);
  }
}
