package dev.sable.node.pipeline;

import dev.sable.state.LeafWrite;
import java.util.List;

/**
 * A batch cut from the sequencer's state: the account-tree writes it makes and the journal position
 * it reflects. {@code account} names the account whose leaf it writes (interim batches write one).
 */
public record SealedBatch(List<LeafWrite> writes, long throughSequence, long account) {
  public SealedBatch {
    writes = List.copyOf(writes);
  }
}
