package dev.sable.node.l1;

import dev.sable.crypto.sealed.SignedRequest;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;

/**
 * The nonces of withdrawals to L1, on a node that posts settlement batches (docs/node.md,
 * "Withdrawals and claims"). A withdrawal is signed with its account's next nonce: the one after
 * its last withdrawal the sequencer accepted, exactly as the settlement state counts those its
 * batches carried, so a withdrawal the sequencer refuses (margin, collateral) leaves its nonce to
 * the next one. The journal takes one withdrawal per account at a time, only with the next nonce
 * ({@link ErrorCode#REPLAYED} below it or for the one in flight, {@link ErrorCode#WRONG_NONCE}
 * above it, {@link ErrorCode#WITHDRAWAL_IN_FLIGHT} while another is undecided); the sequencer's
 * thread records each decision. The next nonce is the larger of the settlement state's nonce and
 * the one after the last accepted withdrawal the node replayed, so a restart from a snapshot (never
 * taken past a transfer the settlement state lacks) reaches the same nonces. A forced withdrawal
 * request from L1 the sequencer serves takes its nonce as a withdrawal does.
 */
public final class L1Withdrawals implements CommandListener {
  private final Map<Long, Long> acceptedNext = new ConcurrentHashMap<>();
  private final Map<Long, Long> undecided = new ConcurrentHashMap<>();
  private volatile LongUnaryOperator settled = account -> 0;

  /** The settlement state's nonce of each account (what L1's batches carried). */
  public void settledBy(LongUnaryOperator nonces) {
    this.settled = nonces;
  }

  /**
   * The account's next nonce as a restored snapshot's sequencer holds it (withdrawals it accepted
   * before the snapshot, some perhaps in no batch on L1 yet); before anything is admitted.
   */
  public void restored(long account, long nextNonce) {
    acceptedNext.merge(account, nextNonce, Math::max);
  }

  /** The nonce the account's next withdrawal must be signed with. */
  public long nextNonce(long account) {
    return Math.max(acceptedNext.getOrDefault(account, 0L), settled.applyAsLong(account));
  }

  /**
   * A journal gate that decides withdrawals' nonces here and hands every submission to {@code rest}
   * (intake's gate). That gate refuses a nonce it admitted before as replayed, even when the
   * sequencer refused that withdrawal; such a nonce is the account's next again, and taken here.
   */
  public GroupCommitter.Gate before(GroupCommitter.Gate rest) {
    return (draft, provenance) -> {
      if (!(withdrawal(provenance) instanceof SignedRequest.Withdrawal w)
          || !(draft instanceof Command.Withdraw)) {
        return rest.admit(draft, provenance);
      }
      long account = w.accountIndex();
      long nonce = w.message().nonce();
      check(account, nonce);
      Command admitted;
      try {
        admitted = rest.admit(draft, provenance);
      } catch (NodeError e) {
        if (e.code() != ErrorCode.REPLAYED) {
          throw e;
        }
        admitted = draft; // a nonce the sequencer refused, free again (check above)
      }
      undecided.put(account, nonce);
      return admitted;
    };
  }

  private void check(long account, long nonce) {
    Long flying = undecided.get(account);
    if (flying != null) {
      throw nonce == flying
          ? new NodeError(ErrorCode.REPLAYED)
          : new NodeError(ErrorCode.WITHDRAWAL_IN_FLIGHT);
    }
    long next = nextNonce(account);
    if (nonce < next) {
      throw new NodeError(ErrorCode.REPLAYED);
    }
    if (nonce > next) {
      throw new NodeError(
          ErrorCode.WRONG_NONCE,
          "the withdrawal's nonce is not the account's next one"
              + " (GET /v1/accounts/{account}/withdrawals gives it)");
    }
  }

  /** Replays the journal's admission of an entry read back after a restart (before its apply). */
  public void observe(JournalEntry entry) {
    if (withdrawal(entry.provenance()) instanceof SignedRequest.Withdrawal w) {
      undecided.put(w.accountIndex(), w.message().nonce());
    }
  }

  @Override
  public void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    if (entry.command() instanceof Command.ForcedWithdrawal f
        && events.stream().anyMatch(e -> e instanceof Event.Withdrawn)) {
      // a forced request the sequencer served (paid, possibly 0) took the account's nonce
      acceptedNext.merge((long) f.account(), f.nonce() + 1, Math::max);
    }
    if (withdrawal(entry.provenance()) instanceof SignedRequest.Withdrawal w) {
      if (events.stream().anyMatch(e -> e instanceof Event.Withdrawn)) {
        acceptedNext.merge(w.accountIndex(), w.message().nonce() + 1, Math::max);
      }
      undecided.remove(w.accountIndex());
    }
  }

  private static SignedRequest withdrawal(Provenance p) {
    return p instanceof Provenance.Signed s && s.request() instanceof SignedRequest.Withdrawal w
        ? w
        : null;
  }
}
