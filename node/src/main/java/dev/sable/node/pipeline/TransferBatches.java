package dev.sable.node.pipeline;

import dev.sable.batch.Capacities;
import dev.sable.batch.Deposit;
import dev.sable.batch.SettlementBatch;
import dev.sable.crypto.Fr;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.CommandListener;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.SettlementView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Interim batch source, until the sequencer's events reach the batch builder through the adapter in
 * {@code batch} (docs/node.md, "Batches"): it seals only the L1 deposits the sequencer took, each
 * credited if the sequencer credited it and refunded otherwise, so the bridge's queue is consumed
 * in order and every deposit ends in the settlement state or back with its sender. Fills and
 * withdrawals are not in these batches, so the settlement state holds deposits only.
 *
 * <p>The sequencer's thread records each deposit ({@link #applied}); the pipeline's thread cuts a
 * batch of the deposits the state has not consumed yet ({@link #next}), as many as the circuit
 * takes, at the time of the last TimeTick in seconds (never before the state's time).
 */
public final class TransferBatches implements BatchSource, CommandListener {
  private record Sealable(long queueIndex, long sequence, Deposit deposit) {}

  private final Capacities capacities;
  private final List<Sealable> deposits = new ArrayList<>(); // guarded by this
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
        deposits.add(
            new Sealable(
                l1.queueIndex(),
                entry.sequence(),
                new Deposit(
                    l1.account(),
                    d.amount(),
                    Fr.of(new java.math.BigInteger(1, l1.sender())),
                    new KeyPoint(Fr.fromBytes(l1.keyX()), Fr.fromBytes(l1.keyY())),
                    Fr.fromBytes(l1.blinding()),
                    !credited)));
      }
      default -> {}
    }
  }

  @Override
  public synchronized Optional<SealedBatch> next(SettlementView state) {
    long consumed = state.header().depositCount();
    deposits.removeIf(s -> s.queueIndex() < consumed);
    List<Deposit> batch = new ArrayList<>();
    Set<Long> accounts = new HashSet<>();
    long through = 0;
    for (Sealable s : deposits) {
      boolean newRow = !s.deposit().refund() && !accounts.contains(s.deposit().account());
      if (batch.size() == capacities.deposits()
          || newRow && accounts.size() == capacities.accounts()) {
        break;
      }
      if (newRow) {
        accounts.add(s.deposit().account());
      }
      batch.add(s.deposit());
      through = s.sequence();
    }
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    long time = Math.max(state.header().time(), lastTickSeconds);
    return Optional.of(
        new SealedBatch(
            through, new SettlementBatch(time, List.of(), List.of(), batch, List.of(), List.of())));
  }
}
