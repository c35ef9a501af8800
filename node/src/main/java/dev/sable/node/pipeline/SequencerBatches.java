package dev.sable.node.pipeline;

import dev.sable.batch.Capacities;
import dev.sable.batch.sequencer.SettlementBatcher;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.JournalException;
import dev.sable.node.journal.Provenance;
import dev.sable.node.sequencing.CommandListener;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.engine.Sequencer;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.SettlementView;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's batch source: the sequencer's real work, sealed by the settlement batcher
 * (docs/node.md, "Batches"). On the sequencer's thread it hands {@link SettlementBatcher} each
 * applied command with its events and the evidence its journal entry holds ({@link
 * JournalEvidence}), and numbers the batches the batcher seals from the settlement state it started
 * on; on the pipeline's thread it gives batch {@code state.batchNumber() + 1}.
 *
 * <p>The batcher must see every command from the state it starts on: genesis, or a snapshot of the
 * node ({@link #restore}: the batcher's state and the count of batches sealed, never taken after a
 * batch L1 does not hold yet, docs/node.md "Snapshots"), from which the node replays the journal's
 * tail; it seals again the batches L1 already holds and drops them. Sealing depends only on the log
 * (commands, events, log time), so a replay seals exactly the batches the first run sealed.
 *
 * <p>A command no batch can prove (a liquidation, for now; an unsigned oracle price) stops batching
 * there: the sequencer goes on, and every later {@link #next} reports it (the pipeline's problem).
 */
public final class SequencerBatches implements BatchSource, CommandListener {
  private static final Logger LOG = LoggerFactory.getLogger(SequencerBatches.class);

  /**
   * The bridge's {@code requestsServed} at genesis, where the batcher starts (a snapshot's batcher
   * carries its own): the node deploys its bridge at the genesis root, before any batch.
   */
  private static final long GENESIS_REQUESTS_SERVED = 0;

  /** A sealed batch and the number it gets on L1. */
  private record Numbered(long number, SealedBatch sealed) {}

  private final Capacities capacities;
  private final SettlementView genesis;
  private final long maxAge;
  private final boolean queues; // false: a snapshot replica's, which only counts its batches
  private SettlementBatcher batcher; // the sequencer's thread only
  private long sealedCount; // guarded by this
  private final Deque<Numbered> sealed = new ArrayDeque<>(); // guarded by this
  private RuntimeException stopped; // guarded by this

  /**
   * @param genesis the settlement state at genesis (its markets, deposit count and time)
   * @param maxAge log time (milliseconds) after which a batch with operations is sealed
   */
  public SequencerBatches(Capacities capacities, SettlementView genesis, long maxAge) {
    this(capacities, genesis, maxAge, true);
  }

  private SequencerBatches(
      Capacities capacities, SettlementView genesis, long maxAge, boolean queues) {
    this.capacities = capacities;
    this.genesis = genesis;
    this.maxAge = maxAge;
    this.queues = queues;
  }

  /**
   * The same source for a snapshot replica (docs/node.md, "Snapshots"): it seals and counts the
   * batches but keeps none, since no pipeline takes them.
   */
  public SequencerBatches counting() {
    return new SequencerBatches(capacities, genesis, maxAge, false);
  }

  /**
   * Its state as a snapshot section, on the thread that feeds it, after a command: the number of
   * batches sealed, then the batcher's snapshot ({@code SettlementBatcher.snapshot}).
   *
   * @throws IllegalStateException once batching stopped, or before any command
   */
  public synchronized byte[] snapshot() {
    if (stopped != null || batcher == null) {
      throw new IllegalStateException(
          stopped != null ? "batching stopped: no snapshot" : "no command applied yet");
    }
    byte[] b = batcher.snapshot();
    return ByteBuffer.allocate(8 + b.length).putLong(sealedCount).put(b).array();
  }

  /**
   * Continues from a section {@link #snapshot} wrote, on {@code state}, the sequencer's state
   * restored from the same snapshot; before any command is applied.
   *
   * @throws JournalException if the section is not one
   */
  public synchronized void restore(byte[] section, ExchangeState state) {
    try {
      ByteBuffer in = ByteBuffer.wrap(section);
      long count = in.getLong();
      byte[] rest = new byte[in.remaining()];
      in.get(rest);
      batcher = SettlementBatcher.restore(capacities, state, genesis, maxAge, rest);
      sealedCount = count;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new JournalException("snapshot section batches is malformed: " + e.getMessage());
    }
  }

  /**
   * Whether a snapshot of it now may be restored by a node whose settlement state holds {@code
   * held} batches: every batch it sealed is one of them (a later one would not be sealed again by
   * the replay after the snapshot), and batching has not stopped.
   */
  public synchronized boolean snapshotFits(long held) {
    return stopped == null && batcher != null && sealedCount <= held;
  }

  /** The request queue index of the next forced request the batcher takes (after a snapshot). */
  public synchronized long nextRequestIndex() {
    return batcher == null ? GENESIS_REQUESTS_SERVED : batcher.nextRequestIndex();
  }

  /** The deposit queue index of the next deposit the batcher takes (restored from a snapshot). */
  public synchronized long nextDepositIndex() {
    return batcher == null ? genesis.header().depositCount() : batcher.nextDepositIndex();
  }

  @Override
  public void applied(JournalEntry entry, java.util.List<Event> events, Sequencer sequencer) {
    if (stoppedAlready()) {
      return;
    }
    if (batcher == null) {
      batcher =
          new SettlementBatcher(
              capacities, sequencer.state(), genesis, maxAge, GENESIS_REQUESTS_SERVED);
    }
    java.util.List<dev.sable.batch.sequencer.SealedBatch> out;
    try {
      out = batcher.accept(entry.sequence(), entry.command(), JournalEvidence.of(entry), events);
    } catch (RuntimeException e) {
      stop(entry, e);
      return;
    }
    if (!out.isEmpty()) {
      synchronized (this) {
        for (dev.sable.batch.sequencer.SealedBatch s : out) {
          ++sealedCount;
          if (queues) {
            sealed.add(new Numbered(sealedCount, new SealedBatch(entry.sequence(), s.batch())));
          }
        }
      }
    }
  }

  private synchronized boolean stoppedAlready() {
    return stopped != null;
  }

  /**
   * Stops batching at the entry. The reason goes to the log and to {@code /ready}: for a trader's
   * command only its kind and the exception's type (its message would name the order's terms, which
   * nothing outside the sequencer may show, docs/privacy.md); the journal holds the rest.
   */
  private synchronized void stop(JournalEntry entry, RuntimeException e) {
    String why =
        entry.provenance() instanceof Provenance.Signed
            ? "a trader's "
                + entry.command().getClass().getSimpleName()
                + " cannot be proven ("
                + e.getClass().getSimpleName()
                + ")"
            : e.getMessage();
    stopped =
        new IllegalStateException(
            "batching stopped at journal entry " + entry.sequence() + ": " + why);
    LOG.error("{}", stopped.getMessage());
  }

  /**
   * @throws IllegalStateException once batching stopped (the command that stopped it, and why)
   *     after the batches sealed before it were given
   */
  @Override
  public synchronized Optional<SealedBatch> next(SettlementView state) {
    long wanted = state.batchNumber() + 1;
    while (!sealed.isEmpty() && sealed.peekFirst().number() < wanted) {
      sealed.removeFirst(); // L1 holds it already (seen again by a replay)
    }
    Numbered first = sealed.peekFirst();
    if (first != null) {
      if (first.number() != wanted) {
        throw new IllegalStateException(
            "the sequencer sealed batch " + first.number() + " next, the state needs " + wanted);
      }
      return Optional.of(first.sealed());
    }
    if (stopped != null) {
      throw stopped;
    }
    return Optional.empty();
  }

  /** How many batches the sequencer sealed so far (since genesis). */
  public synchronized long sealedCount() {
    return sealedCount;
  }
}
