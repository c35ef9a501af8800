package dev.sable.node.intake;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.journal.SnapshotSection;
import dev.sable.sequencer.command.Command;

/**
 * The journal's gate: the decisions that depend on what is already journaled, taken on the
 * journal's thread in journal order. Signed orders, amends and withdrawals pass the {@link
 * ReplayGuard}; a deposit that registers a key gets its account index (the key's account, or the
 * next free one); an L1 deposit binds the key it names to its account when it credits it (the
 * decision is {@code L1Deposits}'). {@link #observe} replays the same decisions from the journal
 * after a restart.
 */
public final class IntakeGate implements GroupCommitter.Gate {
  /** A registering deposit's draft names this account: the gate assigns the real index. */
  public static final int NEW_ACCOUNT = -1;

  private final ReplayGuard guard = new ReplayGuard();
  private final AccountKeys keys;

  public IntakeGate(AccountKeys keys) {
    this.keys = keys;
  }

  @Override
  public Command admit(Command draft, Provenance provenance) {
    switch (provenance) {
      case Provenance.Signed s -> refuseUnless(guard(s.request()));
      case Provenance.Registration r when draft instanceof Command.Deposit d -> {
        long index = keys.registerOrFind(EdDsaPublicKey.decode(r.publicKey()));
        if (d.account() != NEW_ACCOUNT && d.account() != index) {
          throw new NodeError(ErrorCode.FORBIDDEN, "the key belongs to another account");
        }
        return new Command.Deposit((int) index, d.amount(), d.key());
      }
      default -> {}
    }
    return draft;
  }

  /** Replays the gate's decision for an entry read back from the journal. */
  public void observe(JournalEntry entry) {
    switch (entry.provenance()) {
      case Provenance.Signed s -> guard(s.request());
      case Provenance.Registration r when entry.command() instanceof Command.Deposit d ->
          keys.record(d.account(), EdDsaPublicKey.decode(r.publicKey()));
      case Provenance.L1Deposit d -> keys.bindDeposit(d.account(), d.keyX(), d.keyY());
      default -> {}
    }
  }

  /**
   * The gate's state as a snapshot section: the account keys, then the replay guard. Taken on the
   * thread that feeds the gate (a replica's), never while another thread admits.
   */
  public byte[] snapshot() {
    SnapshotSection.Writer out = new SnapshotSection.Writer();
    keys.writeTo(out);
    guard.writeTo(out);
    return out.toByteArray();
  }

  /** Restores a section {@link #snapshot} wrote, into a fresh gate, before anything is admitted. */
  public void restore(byte[] section) {
    SnapshotSection.Reader in = new SnapshotSection.Reader("gate", section);
    keys.readFrom(in);
    guard.readFrom(in);
    in.end();
  }

  private ReplayGuard.Verdict guard(SignedRequest request) {
    long account = request.accountIndex();
    return switch (request) {
      case SignedRequest.Order o -> guard.order(account, o.message().clientOrderId());
      case SignedRequest.Amend a -> guard.amend(account, a.message().clientOrderId());
      case SignedRequest.Withdrawal w -> guard.withdrawal(account, w.message().nonce());
      case SignedRequest.Cancel c -> ReplayGuard.Verdict.ADMITTED;
      // a switch takes the fill slot of its request id, as an order: accepted once
      case SignedRequest.MarginMode m -> guard.order(account, m.message().requestId());
    };
  }

  private static void refuseUnless(ReplayGuard.Verdict verdict) {
    switch (verdict) {
      case ADMITTED -> {}
      case REPLAYED -> throw new NodeError(ErrorCode.REPLAYED);
      case NOTHING_TO_AMEND -> throw new NodeError(ErrorCode.NOTHING_TO_AMEND);
    }
  }
}
