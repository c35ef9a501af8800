package dev.sable.state;

import dev.sable.crypto.Fr;
import java.util.Map;

/**
 * A batch of writes hashed but not yet stored ({@link SparseMerkleTree#stage}): its witnesses can
 * be proven and posted first, and the tree commits it only once that succeeded.
 */
public final class StagedBatch {
  private final BatchUpdate update;
  private final Map<Long, Fr> changedNodes; // by the tree's overlay key, sorted

  StagedBatch(BatchUpdate update, Map<Long, Fr> changedNodes) {
    this.update = update;
    this.changedNodes = changedNodes;
  }

  public BatchUpdate update() {
    return update;
  }

  Map<Long, Fr> changedNodes() {
    return changedNodes;
  }
}
