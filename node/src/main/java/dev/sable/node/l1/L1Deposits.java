package dev.sable.node.l1;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;

/**
 * The journal's rules for deposits from L1's queue, on the journal's thread in journal order
 * (docs/node.md, "Deposits from L1"): each queue index is journaled exactly once and in queue
 * order. A deposit whose index is already journaled is refused as {@link ErrorCode#REPLAYED} (the
 * watcher sent it again after a restart or a timeout); one past the next index is a bug. The
 * deposit's command carries the key the depositor named, and the sequencer decides: it credits the
 * account (creating it under that key) or refuses the deposit (another key holds the account, the
 * key is not a valid key, a limit), and the batch that consumes a refused deposit refunds it on L1
 * to its sender. The gate binds the key to the account for intake's signature checks when the
 * sequencer's key rule will credit it ({@link AccountKeys#bindDeposit}). {@link #observe} replays
 * the same decisions from the journal after a restart.
 */
public final class L1Deposits {
  private final AccountKeys keys;
  private final L1Queue queue = new L1Queue("L1 deposit");

  public L1Deposits(AccountKeys keys) {
    this.keys = keys;
  }

  /** Where the journal stands in L1's queue: where a watcher resumes, what a snapshot keeps. */
  public L1Queue queue() {
    return queue;
  }

  /**
   * A journal gate that takes L1 deposits here and hands every other submission to {@code rest}.
   */
  public GroupCommitter.Gate before(GroupCommitter.Gate rest) {
    return (draft, provenance) ->
        provenance instanceof Provenance.L1Deposit d && draft instanceof Command.Deposit
            ? admit(draft, d)
            : rest.admit(draft, provenance);
  }

  /** The deposit's command, or a refusal (already journaled, or a gap). */
  private Command admit(Command draft, Provenance.L1Deposit d) {
    queue.check(d.queueIndex());
    observeAdmitted(d);
    return draft;
  }

  /** Replays the decision for an entry read back from the journal. */
  public void observe(JournalEntry entry) {
    if (entry.provenance() instanceof Provenance.L1Deposit d) {
      observeAdmitted(d);
    }
  }

  private void observeAdmitted(Provenance.L1Deposit d) {
    keys.bindDeposit(d.account(), d.keyX(), d.keyY());
    queue.journaled(d.queueIndex(), d.block(), d.blockHash());
  }
}
