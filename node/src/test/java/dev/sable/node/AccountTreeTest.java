package dev.sable.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.node.pipeline.AccountTree;
import dev.sable.node.pipeline.MerkleUpdate;
import java.math.BigInteger;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class AccountTreeTest {
  // A cheap non-commutative stand-in for Poseidon2: the tree's shape, not the hash, is under test.
  static final BinaryOperator<BigInteger> H =
      (l, r) -> l.multiply(BigInteger.valueOf(31)).add(r).add(BigInteger.ONE);

  /** Root recomputed from a witness, as the circuit does. */
  static BigInteger rootFrom(BigInteger leaf, MerkleUpdate u) {
    BigInteger node = leaf;
    for (int level = 0; level < u.siblings().size(); level++) {
      BigInteger s = u.siblings().get(level);
      node = ((u.index() >> level) & 1) == 0 ? H.apply(node, s) : H.apply(s, node);
    }
    return node;
  }

  @Test
  void witnessesRecomputeBothRoots() {
    AccountTree tree = new AccountTree(8, H);
    tree.set(3, BigInteger.TEN);
    tree.set(200, BigInteger.TWO);
    MerkleUpdate u = tree.set(3, BigInteger.valueOf(99));
    assertThat(u.oldLeaf()).isEqualTo(BigInteger.TEN);
    assertThat(rootFrom(u.oldLeaf(), u)).isEqualTo(u.oldRoot());
    assertThat(rootFrom(u.newLeaf(), u)).isEqualTo(u.newRoot()).isEqualTo(tree.root());
  }

  @Test
  void rootDependsOnContentNotOnInsertionOrder() {
    AccountTree a = new AccountTree(8, H);
    AccountTree b = new AccountTree(8, H);
    a.set(1, BigInteger.ONE);
    a.set(255, BigInteger.TWO);
    b.set(255, BigInteger.TWO);
    b.set(1, BigInteger.ONE);
    assertThat(a.root()).isEqualTo(b.root()).isNotEqualTo(new AccountTree(8, H).root());
  }

  @Test
  void rejectsIndicesOutsideTheTree() {
    AccountTree tree = new AccountTree(8, H);
    assertThatThrownBy(() -> tree.set(256, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.set(-1, BigInteger.ONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
