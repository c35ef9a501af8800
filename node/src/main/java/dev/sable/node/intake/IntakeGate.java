package dev.sable.node.intake;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;

/**
 * The journal's gate: the decisions that depend on what is already journaled, taken on the
 * journal's thread in journal order. Signed orders and amends pass the {@link ReplayGuard}; a
 * deposit that registers a key gets its account index (the key's account, or the next free one).
 * {@link #observe} replays the same decisions from the journal after a restart.
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
      case Provenance.Signed s when draft instanceof Command.PlaceOrder o -> {
        if (!guard.admitOrder(o.account(), o.clientOrderId())) {
          throw new NodeError(ErrorCode.REPLAYED);
        }
      }
      case Provenance.SignedAmend a when draft instanceof Command.AmendOrder o -> {
        if (!guard.admitAmend(o.account(), o.clientOrderId(), a.amendNonce())) {
          throw new NodeError(
              ErrorCode.REPLAYED,
              "an amend of this order with this nonce or a later one was already accepted,"
                  + " or the order's slot has moved on");
        }
      }
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
      case Provenance.Signed s when entry.command() instanceof Command.PlaceOrder o ->
          guard.admitOrder(o.account(), o.clientOrderId());
      case Provenance.SignedAmend a when entry.command() instanceof Command.AmendOrder o ->
          guard.admitAmend(o.account(), o.clientOrderId(), a.amendNonce());
      case Provenance.Registration r when entry.command() instanceof Command.Deposit d ->
          keys.record(d.account(), EdDsaPublicKey.decode(r.publicKey()));
      default -> {}
    }
  }
}
