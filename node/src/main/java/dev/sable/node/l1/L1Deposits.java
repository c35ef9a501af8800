package dev.sable.node.l1;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import java.util.HexFormat;

/**
 * The journal's decisions about deposits from L1's queue, on the journal's thread in journal order
 * (docs/node.md, "Deposits from L1"). Each queue index is journaled exactly once and in queue
 * order: a deposit whose index is already journaled is refused as {@link ErrorCode#REPLAYED} (the
 * watcher sent it again after a restart or a timeout), one past the next index is a bug. A deposit
 * credits the account it names when the key it names is a valid key and the account is free or
 * already holds that key; otherwise it is journaled with the account {@link #REFUSED}, which the
 * sequencer rejects, and the batch that consumes it refunds it on L1 to its sender. {@link
 * #observe} replays the same decisions from the journal after a restart.
 */
public final class L1Deposits {
  /**
   * The account of a deposit the node refuses (the sequencer rejects it as a bad account id): the
   * interim encoding of a refund until the sequencer's deposit command carries the decision.
   */
  public static final int REFUSED = -1;

  private final AccountKeys keys;
  private volatile long next;
  private volatile long lastBlock = -1;
  private volatile String lastBlockHash = "";

  public L1Deposits(AccountKeys keys) {
    this.keys = keys;
  }

  /**
   * The settlement state consumed {@code depositCount} deposits: all of them are journaled, even
   * those a restart from a snapshot did not replay.
   */
  public void settled(long depositCount) {
    next = Math.max(next, depositCount);
  }

  /** The next queue index to journal (all below it are journaled). */
  public long next() {
    return next;
  }

  /** The L1 block of the last journaled deposit (-1 for none): where a watcher resumes. */
  public long lastBlock() {
    return lastBlock;
  }

  /** The hash of that block, hex without 0x ("" for none). */
  public String lastBlockHash() {
    return lastBlockHash;
  }

  /**
   * A journal gate that decides L1 deposits here and hands every other submission to {@code rest}.
   */
  public GroupCommitter.Gate before(GroupCommitter.Gate rest) {
    return (draft, provenance) ->
        provenance instanceof Provenance.L1Deposit d && draft instanceof Command.Deposit deposit
            ? admit(deposit, d)
            : rest.admit(draft, provenance);
  }

  /** The command to journal for an L1 deposit, or a refusal (already journaled, or a gap). */
  public Command admit(Command.Deposit draft, Provenance.L1Deposit d) {
    if (d.queueIndex() < next) {
      throw new NodeError(
          ErrorCode.REPLAYED, "L1 deposit " + d.queueIndex() + " is already journaled");
    }
    if (d.queueIndex() > next) {
      throw new IllegalStateException(
          "L1 deposit " + d.queueIndex() + " arrived before deposit " + next);
    }
    Command decided = new Command.Deposit(credits(d) ? (int) d.account() : REFUSED, draft.amount());
    advance(d);
    return decided;
  }

  /** Replays the decision for an entry read back from the journal. */
  public void observe(JournalEntry entry) {
    if (entry.provenance() instanceof Provenance.L1Deposit d) {
      credits(d);
      advance(d);
    }
  }

  private void advance(Provenance.L1Deposit d) {
    next = d.queueIndex() + 1;
    lastBlock = d.block();
    lastBlockHash = HexFormat.of().formatHex(d.blockHash());
  }

  /** Whether the deposit credits its account (binding the key to it if the account is new). */
  private boolean credits(Provenance.L1Deposit d) {
    return keys.bindDeposit(d.account(), d.keyX(), d.keyY());
  }
}
