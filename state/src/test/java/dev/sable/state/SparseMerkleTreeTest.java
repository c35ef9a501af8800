package dev.sable.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseMerkleTreeTest {
  private static final int DEPTH = 6;
  private static final Poseidon2 H = Poseidon2.INSTANCE;

  private static SparseMerkleTree tree(InMemoryKeyValueStore store) {
    return new SparseMerkleTree(store, new byte[] {7}, DEPTH, H);
  }

  /** The root of a dense tree over all 2^DEPTH leaves, computed level by level. */
  private static Fr denseRoot(Fr[] leaves) {
    Fr[] level = leaves.clone();
    while (level.length > 1) {
      Fr[] up = new Fr[level.length / 2];
      for (int i = 0; i < up.length; i++) {
        up[i] = H.compress(level[2 * i], level[2 * i + 1]);
      }
      level = up;
    }
    return level[0];
  }

  private static List<LeafWrite> randomWrites(Random random, int n) {
    List<LeafWrite> writes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Fr leaf = i % 5 == 4 ? Fr.ZERO : Fr.ofLong(random.nextLong(Long.MAX_VALUE));
      writes.add(new LeafWrite(random.nextInt(1 << DEPTH), leaf));
    }
    return writes;
  }

  @Test
  void rootMatchesADenseRecomputationAfterEveryUpdate() {
    SparseMerkleTree t = tree(new InMemoryKeyValueStore());
    Fr[] dense = new Fr[1 << DEPTH];
    java.util.Arrays.fill(dense, Fr.ZERO);
    assertThat(t.root()).isEqualTo(denseRoot(dense));
    for (LeafWrite w : randomWrites(new Random(1), 40)) {
      LeafUpdate u = t.update(w.index(), w.leaf());
      dense[(int) w.index()] = w.leaf();
      assertThat(u.newRoot()).isEqualTo(denseRoot(dense)).isEqualTo(t.root());
      assertThat(u.oldProof().verify(H)).isTrue();
      assertThat(u.newProof().verify(H)).isTrue();
    }
  }

  @Test
  void aStagedBatchChangesNothingUntilCommitted() {
    List<LeafWrite> writes = randomWrites(new Random(3), 12);
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    SparseMerkleTree t = tree(store);
    t.update(1, Fr.ofLong(5));
    Fr before = t.root();
    StagedBatch staged = t.stage(writes);
    assertThat(t.root()).isEqualTo(before);
    assertThat(tree(store).root()).isEqualTo(before);
    assertThat(t.leaf(writes.get(0).index())).isNotEqualTo(writes.get(0).leaf());

    SparseMerkleTree reference = tree(new InMemoryKeyValueStore());
    reference.update(1, Fr.ofLong(5));
    assertThat(staged.update()).isEqualTo(reference.applyBatch(writes));

    t.commit(staged);
    assertThat(t.root()).isEqualTo(staged.update().newRoot()).isEqualTo(reference.root());
    assertThat(tree(store).root()).isEqualTo(reference.root());
  }

  @Test
  void aBatchStagedOnAnOlderRootCannotBeCommitted() {
    SparseMerkleTree t = tree(new InMemoryKeyValueStore());
    StagedBatch stale = t.stage(List.of(new LeafWrite(2, Fr.ONE)));
    t.update(3, Fr.ofLong(2));
    assertThatThrownBy(() -> t.commit(stale)).isInstanceOf(IllegalStateException.class);
    assertThat(t.leaf(2)).isEqualTo(Fr.ZERO);
  }

  @Test
  void batchGivesTheSameWitnessesAsSingleUpdates() {
    List<LeafWrite> writes = randomWrites(new Random(2), 30);
    SparseMerkleTree single = tree(new InMemoryKeyValueStore());
    List<LeafUpdate> one = new ArrayList<>();
    for (LeafWrite w : writes) {
      one.add(single.update(w.index(), w.leaf()));
    }
    SparseMerkleTree batched = tree(new InMemoryKeyValueStore());
    BatchUpdate b = batched.applyBatch(writes);
    assertThat(b.updates()).isEqualTo(one);
    assertThat(b.newRoot()).isEqualTo(single.root()).isEqualTo(batched.root());
    for (int i = 1; i < one.size(); i++) {
      assertThat(one.get(i).oldRoot()).isEqualTo(one.get(i - 1).newRoot());
    }
  }

  @Test
  void putAllReachesTheRootOfSingleUpdates() {
    List<LeafWrite> writes = randomWrites(new Random(4), 50);
    InMemoryKeyValueStore singleStore = new InMemoryKeyValueStore();
    SparseMerkleTree single = tree(singleStore);
    writes.subList(0, 10).forEach(w -> single.update(w.index(), w.leaf()));
    InMemoryKeyValueStore bulkStore = new InMemoryKeyValueStore();
    SparseMerkleTree bulk = tree(bulkStore);
    bulk.putAll(writes.subList(0, 10));
    writes.subList(10, 50).forEach(w -> single.update(w.index(), w.leaf()));
    assertThat(bulk.putAll(writes.subList(10, 50))).isEqualTo(single.root());
    assertThat(bulk.root()).isEqualTo(single.root());
    assertThat(bulkStore.size()).isEqualTo(singleStore.size());
    for (LeafWrite w : writes) {
      assertThat(bulk.proof(w.index())).isEqualTo(single.proof(w.index()));
    }
  }

  @Test
  void proofsCoverEmptyAndFilledLeaves() {
    SparseMerkleTree t = tree(new InMemoryKeyValueStore());
    t.update(9, Fr.ofLong(5));
    assertThat(t.proof(9).leaf()).isEqualTo(Fr.ofLong(5));
    assertThat(t.proof(9).verify(H)).isTrue();
    MerkleProof empty = t.proof(10);
    assertThat(empty.leaf()).isEqualTo(Fr.ZERO);
    assertThat(empty.verify(H)).isTrue();
    MerkleProof forged = new MerkleProof(10, Fr.ONE, empty.root(), empty.siblings());
    assertThat(forged.verify(H)).isFalse();
  }

  @Test
  void emptyingEveryLeafLeavesAnEmptyStore() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    SparseMerkleTree t = tree(store);
    Fr emptyRoot = t.root();
    t.applyBatch(List.of(new LeafWrite(1, Fr.ONE), new LeafWrite(60, Fr.ONE)));
    assertThat(store.size()).isPositive();
    t.applyBatch(List.of(new LeafWrite(1, Fr.ZERO), new LeafWrite(60, Fr.ZERO)));
    assertThat(store.size()).isZero();
    assertThat(t.root()).isEqualTo(emptyRoot);
  }

  @Test
  void emptyRootsAreCompressedPairsOfZeros() {
    Fr[] zeros = SparseMerkleTree.emptySubtreeRoots(H, 2);
    assertThat(zeros[1]).isEqualTo(H.compress(Fr.ZERO, Fr.ZERO));
    assertThat(zeros[2]).isEqualTo(H.compress(zeros[1], zeros[1]));
  }

  @Test
  void indicesOutsideTheTreeAreRejected() {
    SparseMerkleTree t = tree(new InMemoryKeyValueStore());
    assertThatThrownBy(() -> t.update(1 << DEPTH, Fr.ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.proof(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
