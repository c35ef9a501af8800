package dev.sable.node.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The node's in-memory sparse Merkle tree of accounts, laid out exactly as circuits/smt and the
 * state-update circuit: leaves are level-0 nodes, an empty leaf is 0, inner node = compress(left,
 * right), empty subtrees from precomputed zero hashes, index bits little-endian.
 */
public final class AccountTree {
  private final int depth;
  private final BinaryOperator<BigInteger> compress;
  private final BigInteger[] zeros;
  private final List<Map<Long, BigInteger>> levels = new ArrayList<>();

  public AccountTree(int depth, BinaryOperator<BigInteger> compress) {
    this.depth = depth;
    this.compress = compress;
    this.zeros = new BigInteger[depth + 1];
    zeros[0] = BigInteger.ZERO;
    for (int level = 1; level <= depth; level++) {
      zeros[level] = compress.apply(zeros[level - 1], zeros[level - 1]);
    }
    for (int level = 0; level <= depth; level++) {
      levels.add(new HashMap<>());
    }
  }

  public BigInteger root() {
    return node(depth, 0);
  }

  public BigInteger leaf(long index) {
    return node(0, index);
  }

  private BigInteger node(int level, long index) {
    return levels.get(level).getOrDefault(index, zeros[level]);
  }

  /** Sets a leaf and returns the witness of the change. */
  public MerkleUpdate set(long index, BigInteger leaf) {
    if (index < 0 || index >= 1L << depth) {
      throw new IllegalArgumentException(
          "leaf index " + index + " outside a tree of depth " + depth);
    }
    BigInteger oldLeaf = leaf(index);
    BigInteger oldRoot = root();
    // Hash the whole path before writing any of it: a failing hash leaves the tree untouched.
    List<BigInteger> siblings = new ArrayList<>(depth);
    BigInteger[] path = new BigInteger[depth + 1];
    BigInteger node = leaf;
    for (int level = 0; level < depth; level++) {
      path[level] = node;
      long i = index >> level;
      BigInteger sibling = node(level, i ^ 1);
      siblings.add(sibling);
      node = (i & 1) == 0 ? compress.apply(node, sibling) : compress.apply(sibling, node);
    }
    path[depth] = node;
    for (int level = 0; level <= depth; level++) {
      levels.get(level).put(index >> level, path[level]);
    }
    return new MerkleUpdate(index, oldLeaf, leaf, oldRoot, node, siblings);
  }
}
