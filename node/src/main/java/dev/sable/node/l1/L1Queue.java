package dev.sable.node.l1;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.SnapshotSection;
import java.util.HexFormat;

/**
 * Where the journal stands in one of L1's queues (deposits, forced withdrawal requests): the next
 * queue index to journal and the block of the last one journaled, where a watcher resumes. Each
 * index is journaled exactly once and in queue order; updated on the journal's thread, read by the
 * watcher's. {@link L1Deposits} and {@link L1Requests} each own one and expose it; only this
 * package journals into it.
 */
public final class L1Queue {
  private static final int HASH = 32;
  private final String what;
  private volatile long next;
  private volatile long lastBlock = -1;
  private volatile String lastBlockHash = "";

  /**
   * @param what the record's name in errors ("L1 deposit")
   */
  L1Queue(String what) {
    this.what = what;
  }

  /** The next queue index to journal (all below it are journaled). */
  public long next() {
    return next;
  }

  /** The L1 block of the last journaled record (-1 for none): where a watcher resumes. */
  public long lastBlock() {
    return lastBlock;
  }

  /** The hash of that block, hex without 0x ("" for none). */
  public String lastBlockHash() {
    return lastBlockHash;
  }

  /**
   * The settlement state consumed {@code count} records (deposits it counted, requests the bridge
   * served): all of them are journaled, even those a restart from a snapshot did not replay.
   */
  public void settled(long count) {
    next = Math.max(next, count);
  }

  /**
   * Refuses an index already journaled ({@link ErrorCode#REPLAYED}: the watcher sent it again after
   * a restart or a timeout) or past the next one (a bug).
   */
  void check(long index) {
    if (index < next) {
      throw new NodeError(ErrorCode.REPLAYED, what + " " + index + " is already journaled");
    }
    if (index > next) {
      throw new IllegalStateException(what + " " + index + " arrived before " + what + " " + next);
    }
  }

  /**
   * Writes the block of the last journaled record (8 bytes, -1 for none) and its hash (32 bytes,
   * zeros for none): where a watcher resumes, in a snapshot ({@link L1Position}).
   */
  void snapshot(SnapshotSection.Writer out) {
    out.putLong(lastBlock)
        .putBytes(lastBlock < 0 ? new byte[HASH] : HexFormat.of().parseHex(lastBlockHash));
  }

  /** Restores what {@link #snapshot} wrote, before the journal after the snapshot is replayed. */
  void restore(SnapshotSection.Reader in) {
    long block = in.getLong();
    byte[] hash = in.getBytes(HASH);
    if (block < -1) {
      throw new JournalException("snapshot section l1 has a negative block for the " + what);
    }
    if (block >= 0) {
      lastBlock = block;
      lastBlockHash = HexFormat.of().formatHex(hash);
    }
  }

  /** The record at {@code index}, logged in this block, is journaled. */
  void journaled(long index, long block, byte[] blockHash) {
    next = index + 1;
    lastBlock = block;
    lastBlockHash = HexFormat.of().formatHex(blockHash);
  }
}
