package dev.sable.node.pipeline;

import java.math.BigInteger;
import java.util.List;

/** One leaf change with everything the state-update circuit needs to prove it. */
public record MerkleUpdate(
    long index,
    BigInteger oldLeaf,
    BigInteger newLeaf,
    BigInteger oldRoot,
    BigInteger newRoot,
    List<BigInteger> siblings) {

  public MerkleUpdate {
    siblings = List.copyOf(siblings);
  }
}
