package dev.sable.node.l1;

import dev.sable.node.journal.SnapshotSection;

/**
 * The deposit watcher's L1 position as a node snapshot's section {@code l1} (docs/node.md,
 * "Snapshots"): the block (8 bytes, -1 for none) and block hash (32 bytes, zeros for none) of the
 * last journaled deposit, then the same for the last journaled forced withdrawal request. A node
 * restarted from a snapshot whose journal tail holds no deposit or request resumes its watcher at
 * those blocks and goes on checking them against a reorg deeper than the confirmations, instead of
 * reading L1 again from block 0 with no block to check.
 */
public final class L1Position {
  private static final String SECTION = "l1";

  private L1Position() {}

  /** The section for the journal's position in both queues. */
  public static byte[] snapshot(L1Deposits deposits, L1Requests requests) {
    SnapshotSection.Writer out = new SnapshotSection.Writer();
    deposits.queue().snapshot(out);
    requests.queue().snapshot(out);
    return out.toByteArray();
  }

  /**
   * Restores a section {@link #snapshot} wrote into both queues, before the journal after the
   * snapshot is replayed; an empty section (a snapshot of format 2 or older) restores nothing.
   */
  public static void restore(byte[] section, L1Deposits deposits, L1Requests requests) {
    if (section.length == 0) {
      return;
    }
    SnapshotSection.Reader in = new SnapshotSection.Reader(SECTION, section);
    deposits.queue().restore(in);
    requests.queue().restore(in);
    in.end();
  }
}
