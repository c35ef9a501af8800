package dev.sable.node.journal;

/**
 * The node's state after journal entry {@code sequence}, as its owners encoded it (docs/node.md,
 * "Snapshots"): the sequencer's state hash and image ({@code SnapshotCodec}), intake's gate
 * (account keys and replay guard), the accounts' recent fills and the markets' recent trades, and
 * with L1 batches on the batch source's state ({@code SequencerBatches.snapshot}; empty without),
 * and the L1 blocks of the last journaled deposit and forced request ({@code L1Position}; empty in
 * a file of format 2 or older). Restoring it and replaying the journal after {@code sequence} gives
 * the state a replay of the whole journal gives.
 */
public record NodeSnapshot(
    long sequence,
    byte[] stateHash,
    byte[] engine,
    byte[] gate,
    byte[] fills,
    byte[] trades,
    byte[] batches,
    byte[] l1) {
  public NodeSnapshot {
    if (sequence < 0 || stateHash.length != 32) {
      throw new IllegalArgumentException("a snapshot has a sequence >= 0 and a 32-byte state hash");
    }
  }
}
