package dev.sable.node.l1;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.KeyPoint;

/**
 * The journal's rules for forced withdrawal requests from L1's request queue, on the journal's
 * thread in journal order (docs/node.md, "Forced withdrawal requests from L1"): each queue index is
 * journaled exactly once and in queue order ({@link ErrorCode#REPLAYED} for one already journaled,
 * as deposits). The gate decides the command's {@code signed}: whether the key the journal binds to
 * the account (an L1 deposit's, {@link AccountKeys}) signed the request by the circuit's check
 * ({@code ForcedRequest.signedBy}); the watcher's draft says nothing about it. The sequencer then
 * serves the request exactly as the circuit does. {@link #observe} replays the same decisions.
 */
public final class L1Requests {
  private final AccountKeys keys;
  private final L1Queue queue = new L1Queue("L1 request");
  private volatile Deployment deployment;

  public L1Requests(AccountKeys keys) {
    this.keys = keys;
  }

  /** The bridge the requests are signed for; set before any request is admitted. */
  public void deployment(Deployment deployment) {
    this.deployment = deployment;
  }

  /** The bridge set by {@link #deployment(Deployment)}, or null. */
  public Deployment deployment() {
    return deployment;
  }

  /** Where the journal stands in L1's queue: where a watcher resumes, what a snapshot keeps. */
  public L1Queue queue() {
    return queue;
  }

  /**
   * A journal gate that takes L1 requests here and hands every other submission to {@code rest}.
   */
  public GroupCommitter.Gate before(GroupCommitter.Gate rest) {
    return (draft, provenance) ->
        provenance instanceof Provenance.L1Request r && draft instanceof Command.ForcedWithdrawal f
            ? admit(f, r)
            : rest.admit(draft, provenance);
  }

  /** The request's command with {@code signed} decided, or a refusal (journaled, or a gap). */
  private Command admit(Command.ForcedWithdrawal draft, Provenance.L1Request r) {
    Deployment d = deployment;
    if (d == null) {
      throw new IllegalStateException("L1 requests admitted before the bridge is known");
    }
    queue.check(r.queueIndex());
    EdDsaPublicKey key = keys.key(draft.account());
    boolean signed = key != null && r.request(draft).signedBy(KeyPoint.of(key), d);
    queue.journaled(r.queueIndex(), r.block(), r.blockHash());
    return new Command.ForcedWithdrawal(draft.account(), draft.maxAmount(), draft.nonce(), signed);
  }

  /** Replays the decision for an entry read back from the journal. */
  public void observe(JournalEntry entry) {
    if (entry.provenance() instanceof Provenance.L1Request r) {
      queue.journaled(r.queueIndex(), r.block(), r.blockHash());
    }
  }
}
