package dev.sable.node.pipeline;

import dev.sable.batch.Capacities;
import dev.sable.batch.Deposit;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.Withdrawal;
import dev.sable.crypto.Fr;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.CommandListener;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.SettlementView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Interim batch source, until the sequencer's events reach the batch builder through the adapter in
 * {@code batch} (docs/node.md, "Batches"): it seals the transfers between L1 and the exchange only.
 * Every L1 deposit the sequencer took, credited if the sequencer credited it and refunded otherwise
 * (so the bridge's queue is consumed in order and every deposit ends in the state or back with its
 * sender), and every signed withdrawal the sequencer accepted, with its owner's signature. Fills
 * are not in these batches, so the settlement state holds deposits minus withdrawals: a withdrawal
 * that trading profits paid for breaks the settlement rules there, and the pipeline stops and says
 * so.
 *
 * <p>The sequencer's thread records each transfer in journal order ({@link #applied}); the
 * pipeline's thread cuts a batch from the transfers the state does not hold yet ({@link #next}): a
 * prefix of them, as many as the circuit takes, at the time of the last TimeTick in seconds (never
 * before the state's time).
 */
public final class TransferBatches implements BatchSource, CommandListener {
  /** A deposit (with its queue index) or a withdrawal (with its nonce), and its journal entry. */
  private record Transfer(
      long sequence, long account, Deposit deposit, long queueIndex, Withdrawal withdrawal) {}

  private final Capacities capacities;
  private final List<Transfer> transfers = new ArrayList<>(); // guarded by this
  private long lastTickSeconds; // guarded by this

  public TransferBatches(Capacities capacities) {
    this.capacities = capacities;
  }

  @Override
  public synchronized void applied(JournalEntry entry, List<Event> events, Sequencer sequencer) {
    switch (entry.command()) {
      case Command.TimeTick t -> lastTickSeconds = Math.max(lastTickSeconds, t.now() / 1000);
      case Command.Deposit d when entry.provenance() instanceof Provenance.L1Deposit l1 -> {
        boolean credited = events.stream().anyMatch(e -> e instanceof Event.Deposited);
        Deposit deposit =
            new Deposit(
                l1.account(),
                d.amount(),
                Fr.of(new BigInteger(1, l1.sender())),
                new KeyPoint(Fr.fromBytes(l1.keyX()), Fr.fromBytes(l1.keyY())),
                Fr.fromBytes(l1.blinding()),
                !credited);
        transfers.add(new Transfer(entry.sequence(), l1.account(), deposit, l1.queueIndex(), null));
      }
      case Command.Withdraw w
          when entry.provenance() instanceof Provenance.Signed s
              && s.request() instanceof SignedRequest.Withdrawal signed -> {
        if (events.stream().anyMatch(e -> e instanceof Event.Withdrawn)) {
          Withdrawal withdrawal = new Withdrawal(signed.message(), signed.signature());
          transfers.add(new Transfer(entry.sequence(), w.account(), null, -1, withdrawal));
        }
      }
      default -> {}
    }
  }

  @Override
  public synchronized Optional<SealedBatch> next(SettlementView state) {
    transfers.removeIf(t -> inState(t, state));
    List<Deposit> deposits = new ArrayList<>();
    List<Withdrawal> withdrawals = new ArrayList<>();
    Set<Long> rows = new HashSet<>();
    long through = 0;
    for (Transfer t : transfers) {
      boolean refund = t.deposit() != null && t.deposit().refund();
      boolean newRow = !refund && !rows.contains(t.account());
      boolean full =
          t.deposit() != null
              ? deposits.size() == capacities.deposits()
              : withdrawals.size() == capacities.withdrawals();
      if (full || newRow && rows.size() == capacities.accounts()) {
        break; // a prefix only: a later transfer may depend on this one
      }
      if (newRow) {
        rows.add(t.account());
      }
      if (t.deposit() != null) {
        deposits.add(t.deposit());
      } else {
        withdrawals.add(t.withdrawal());
      }
      through = t.sequence();
    }
    if (through == 0) {
      return Optional.empty();
    }
    long time = Math.max(state.header().time(), lastTickSeconds);
    return Optional.of(
        new SealedBatch(
            through,
            new SettlementBatch(time, List.of(), List.of(), deposits, List.of(), withdrawals)));
  }

  /** Whether the state already holds a transfer (a batch L1 accepted carried it). */
  private static boolean inState(Transfer t, SettlementView state) {
    if (t.deposit() != null) {
      return t.queueIndex() < state.header().depositCount();
    }
    long nonce = state.account(t.account()).map(AccountLeafV2::nonce).orElse(0L);
    return t.withdrawal().message().nonce() < nonce;
  }
}
