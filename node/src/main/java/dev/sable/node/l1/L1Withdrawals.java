package dev.sable.node.l1;

import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.CommandListener;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of withdrawals to L1 (docs/node.md, "Withdrawals"). A withdrawal is signed with its
 * account's next nonce, which counts the withdrawals the sequencer accepted before it, exactly as
 * the settlement state counts those its batches carried; so a withdrawal the sequencer refuses
 * (margin, collateral) must not use up its nonce. The journal therefore takes one withdrawal per
 * account at a time: it admits one only if the account has none the sequencer has not decided yet
 * and its nonce is the next ({@link ErrorCode#WITHDRAWAL_IN_FLIGHT}, {@link ErrorCode#WRONG_NONCE}
 * otherwise); the sequencer's thread records each decision. A replay of the journal reaches the
 * same counts.
 */
public final class L1Withdrawals implements CommandListener {
  private final Map<Long, Long> accepted = new ConcurrentHashMap<>();
  private final Set<Long> undecided = ConcurrentHashMap.newKeySet();

  /** The nonce the account's next withdrawal must be signed with. */
  public long nextNonce(long account) {
    return accepted.getOrDefault(account, 0L);
  }

  /**
   * A journal gate that checks signed withdrawals here and hands every other submission to {@code
   * rest}.
   */
  public GroupCommitter.Gate before(GroupCommitter.Gate rest) {
    return (draft, provenance) -> {
      Command admitted = rest.admit(draft, provenance);
      if (provenance instanceof Provenance.SignedWithdrawal w
          && admitted instanceof Command.Withdraw c) {
        admit(c.account(), w.nonce());
      }
      return admitted;
    };
  }

  private void admit(long account, long nonce) {
    if (!undecided.add(account)) {
      throw new NodeError(ErrorCode.WITHDRAWAL_IN_FLIGHT);
    }
    if (nonce != nextNonce(account)) {
      undecided.remove(account);
      throw new NodeError(
          ErrorCode.WRONG_NONCE,
          "the withdrawal's nonce is not the account's next one"
              + " (GET /v1/accounts/{account}/withdrawals gives it)");
    }
  }

  /** Replays the journal's admission of an entry read back after a restart (before its apply). */
  public void observe(JournalEntry entry) {
    if (entry.provenance() instanceof Provenance.SignedWithdrawal
        && entry.command() instanceof Command.Withdraw c) {
      undecided.add((long) c.account());
    }
  }

  @Override
  public void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    if (entry.provenance() instanceof Provenance.SignedWithdrawal
        && entry.command() instanceof Command.Withdraw c) {
      if (events.stream().anyMatch(e -> e instanceof Event.Withdrawn)) {
        accepted.merge((long) c.account(), 1L, Long::sum);
      }
      undecided.remove((long) c.account());
    }
  }
}
