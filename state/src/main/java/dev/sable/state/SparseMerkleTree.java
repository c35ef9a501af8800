package dev.sable.state;

import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.Fr;
import dev.sable.state.store.KeyValueStore;
import dev.sable.state.store.StoreBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed-depth sparse Merkle tree over a {@link KeyValueStore}, identical to circuits/smt: leaves
 * are field elements used directly as level-0 nodes, empty leaf 0, inner node = compress(left,
 * right), index bits little-endian. Only nodes that differ from the empty subtree of their level
 * are stored, under namespace || level (1 byte) || index (8 bytes, big-endian), so the store holds
 * exactly the non-empty part of the tree and a reopened tree has the same root.
 *
 * <p>Single writer, not thread-safe (one thread owns a tree): a batch is computed on an overlay and
 * written in one atomic store batch.
 */
public final class SparseMerkleTree {
  // The top CACHED_LEVELS levels (at most 2^(CACHED_LEVELS+1) nodes) stay in memory after a
  // first read: every update reads a whole path. Lookups only, never iterated.
  private static final int CACHED_LEVELS = 16;

  private final KeyValueStore store;
  private final byte[] namespace;
  private final int depth;
  private final FieldHasher hasher;
  private final Fr[] zeros; // zeros[l] = root of an empty subtree of height l
  private final int firstCachedLevel;
  private final Map<Long, Fr> cache = new HashMap<>(); // see CACHED_LEVELS

  public SparseMerkleTree(KeyValueStore store, byte[] namespace, int depth, FieldHasher hasher) {
    if (depth < 1 || depth > 56) {
      throw new IllegalArgumentException("depth must be in [1, 56], got " + depth);
    }
    this.store = store;
    this.namespace = namespace.clone();
    this.depth = depth;
    this.hasher = hasher;
    this.zeros = emptySubtreeRoots(hasher, depth);
    this.firstCachedLevel = Math.max(0, depth - CACHED_LEVELS);
  }

  /** zeros[l] = root of an empty subtree of height l, for l = 0..depth. */
  public static Fr[] emptySubtreeRoots(FieldHasher hasher, int depth) {
    Fr[] zeros = new Fr[depth + 1];
    zeros[0] = Fr.ZERO;
    for (int l = 1; l <= depth; l++) {
      zeros[l] = hasher.compress(zeros[l - 1], zeros[l - 1]);
    }
    return zeros;
  }

  public int depth() {
    return depth;
  }

  public Fr root() {
    return read(Map.of(), depth, 0);
  }

  public Fr leaf(long index) {
    checkIndex(index);
    return read(Map.of(), 0, index);
  }

  public MerkleProof proof(long index) {
    checkIndex(index);
    List<Fr> siblings = new ArrayList<>(depth);
    long i = index;
    for (int level = 0; level < depth; level++) {
      siblings.add(read(Map.of(), level, i ^ 1));
      i >>>= 1;
    }
    return new MerkleProof(index, leaf(index), root(), siblings);
  }

  /** Sets one leaf and returns the witness of the change. */
  public LeafUpdate update(long index, Fr leaf) {
    return applyBatch(List.of(new LeafWrite(index, leaf))).updates().get(0);
  }

  /**
   * Applies the writes in order, in one atomic store batch, and returns each write's witness (each
   * taken against the tree as left by the writes before it, as the circuit chains them).
   */
  public BatchUpdate applyBatch(List<LeafWrite> writes) {
    StagedBatch staged = stage(writes);
    commit(staged);
    return staged.update();
  }

  /**
   * Computes the witnesses of the writes, as {@link #applyBatch} does, without storing anything:
   * until {@link #commit} the tree is unchanged.
   */
  public StagedBatch stage(List<LeafWrite> writes) {
    for (LeafWrite w : writes) {
      checkIndex(w.index());
    }
    Map<Long, Fr> overlay = new TreeMap<>(); // sorted: the store batch is written in key order
    Fr oldRoot = read(overlay, depth, 0);
    List<LeafUpdate> updates = new ArrayList<>(writes.size());
    for (LeafWrite w : writes) {
      updates.add(apply(overlay, w.index(), w.leaf()));
    }
    Fr newRoot = updates.isEmpty() ? oldRoot : updates.get(updates.size() - 1).newRoot();
    return new StagedBatch(new BatchUpdate(oldRoot, newRoot, updates), overlay);
  }

  /**
   * Stores a staged batch in one atomic store batch. It must have been staged on the current root:
   * a batch staged before another commit would overwrite that commit's nodes.
   */
  public void commit(StagedBatch staged) {
    if (!staged.update().oldRoot().equals(root())) {
      throw new IllegalStateException("batch was staged on another root than the tree's");
    }
    write(staged.changedNodes());
  }

  /**
   * Sets many leaves without witnesses (genesis, restore, bulk load): each changed node is hashed
   * once, level by level, and everything is written in one atomic store batch. The last write to an
   * index wins. Returns the new root.
   */
  public Fr putAll(List<LeafWrite> writes) {
    TreeMap<Long, Fr> level = new TreeMap<>();
    for (LeafWrite w : writes) {
      checkIndex(w.index());
      level.put(w.index(), w.leaf());
    }
    if (level.isEmpty()) {
      return root();
    }
    Map<Long, Fr> changed = new TreeMap<>();
    for (int l = 0; l < depth; l++) {
      TreeMap<Long, Fr> parents = new TreeMap<>();
      for (Map.Entry<Long, Fr> e : level.entrySet()) {
        changed.put(overlayKey(l, e.getKey()), e.getValue());
        long parent = e.getKey() >>> 1;
        if (!parents.containsKey(parent)) {
          Fr left = nodeOr(level, l, parent << 1);
          Fr right = nodeOr(level, l, (parent << 1) | 1);
          parents.put(parent, hasher.compress(left, right));
        }
      }
      level = parents;
    }
    Fr root = level.firstEntry().getValue();
    changed.put(overlayKey(depth, 0), root);
    write(changed);
    return root;
  }

  /** Writes changed nodes (by overlay key, sorted) in one store batch, then caches the top ones. */
  private void write(Map<Long, Fr> changed) {
    StoreBatch batch = new StoreBatch();
    changed.forEach(
        (k, value) -> {
          int level = levelOf(k);
          byte[] key = key(level, indexOf(k));
          if (value.equals(zeros[level])) {
            batch.delete(key);
          } else {
            batch.put(key, value.toBytes());
          }
        });
    store.write(batch);
    changed.forEach(
        (k, value) -> {
          if (levelOf(k) >= firstCachedLevel) {
            cache.put(k, value);
          }
        });
  }

  private Fr nodeOr(Map<Long, Fr> pending, int level, long index) {
    Fr v = pending.get(index);
    return v != null ? v : read(Map.of(), level, index);
  }

  private LeafUpdate apply(Map<Long, Fr> overlay, long index, Fr leaf) {
    Fr oldRoot = read(overlay, depth, 0);
    Fr oldLeaf = read(overlay, 0, index);
    List<Fr> siblings = new ArrayList<>(depth);
    Fr node = leaf;
    long i = index;
    for (int level = 0; level < depth; level++) {
      overlay.put(overlayKey(level, i), node);
      Fr sibling = read(overlay, level, i ^ 1);
      siblings.add(sibling);
      node = MerkleProof.parent(hasher, i, node, sibling);
      i >>>= 1;
    }
    overlay.put(overlayKey(depth, 0), node);
    return new LeafUpdate(index, oldLeaf, leaf, oldRoot, node, siblings);
  }

  private Fr read(Map<Long, Fr> overlay, int level, long index) {
    Fr pending = overlay.get(overlayKey(level, index));
    if (pending != null) {
      return pending;
    }
    long k = overlayKey(level, index);
    Fr cached = cache.get(k);
    if (cached != null) {
      return cached;
    }
    byte[] v = store.get(key(level, index));
    Fr node = v == null ? zeros[level] : Fr.fromBytes(v);
    if (level >= firstCachedLevel) {
      cache.put(k, node);
    }
    return node;
  }

  private static long overlayKey(int level, long index) {
    return ((long) level << 56) | index;
  }

  private static int levelOf(long overlayKey) {
    return (int) (overlayKey >>> 56);
  }

  private static long indexOf(long overlayKey) {
    return overlayKey & ((1L << 56) - 1);
  }

  private byte[] key(int level, long index) {
    return ByteBuffer.allocate(namespace.length + 9)
        .put(namespace)
        .put((byte) level)
        .putLong(index)
        .array();
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= (1L << depth)) {
      throw new IllegalArgumentException(
          "leaf index " + index + " out of range for depth " + depth);
    }
  }
}
