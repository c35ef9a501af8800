package dev.sable.node.pipeline;

import dev.sable.batch.CapacityException;
import dev.sable.batch.SettlementRuleException;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementEvents.AcceptedBatch;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.prover.CircuitKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settlement batches to L1, on one thread ({@code sable-pipeline}) that owns the node's settlement
 * state: take the next sealed batch from the {@link BatchSource}, build it on the state and prove
 * it ({@link BatchProver}), record the submission durably, send it to the bridge, and commit the
 * state only once L1 holds the new root. The node's state never drifts from L1's:
 *
 * <ul>
 *   <li>a batch the bridge would refuse now (paused, a batch time ahead of L1's clock) is not sent:
 *       the pipeline says why ({@link #problem}) and tries again later;
 *   <li>a submission stays recorded until its outcome is known: a receipt (commit), a revert (drop
 *       it; the source gives the batch again), or L1's root and batch count themselves;
 *   <li>past the receipt wait it is replaced with the same nonce and higher fee caps (a blob
 *       batch's with its blob again, at twice each cap: {@link FeeCaps#replacement});
 *   <li>at start, and after any unknown outcome, the pipeline reconciles with L1: a batch L1
 *       accepted while the node was down is committed from the recorded writes; batches an L1 reorg
 *       dropped are posted again (same public data, same proof); an L1 this node's history does not
 *       explain stops posting (the node is then not ready) instead of posting batches L1 would
 *       refuse.
 * </ul>
 */
public final class L1Pipeline implements BatchLedger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L1Pipeline.class);
  private static final long POLL_MS = 200;

  private final BatchSource source;
  private final BatchProver prover;
  private final RollupBridge bridge;
  private final PipelineStore store;
  private final Duration receiptWait;
  private final long intervalMs;
  private final Runnable beforeCommit;
  private final Thread thread;
  private final Timer proveTime;
  private final DistributionSummary gas;
  private final DistributionSummary batchSize;
  private final Counter replacements;
  private final Counter reposts;
  private volatile boolean running = true;
  private volatile boolean reconciled;
  private volatile String problem;
  private volatile String l1Root = "";
  private volatile String nodeRoot = "";
  private ProvenBatch lastProven; // a batch L1 refused for a passing reason, proven once

  /**
   * @param beforeCommit runs after L1 accepted a batch and before the state stores it (tests use it
   *     to crash exactly there)
   */
  public L1Pipeline(
      BatchSource source,
      BatchProver prover,
      RollupBridge bridge,
      NodeDatabase db,
      Duration receiptWait,
      long intervalMs,
      Runnable beforeCommit,
      MeterRegistry metrics) {
    checkVerifier(prover.keys(), bridge);
    this.source = source;
    this.prover = prover;
    this.bridge = bridge;
    this.store = new PipelineStore(db);
    this.receiptWait = receiptWait;
    this.intervalMs = intervalMs;
    this.beforeCommit = beforeCommit;
    this.thread = new Thread(this::run, "sable-pipeline");
    this.thread.setDaemon(true);
    this.proveTime =
        Timer.builder("sable.pipeline.prove")
            .description("proving time of a batch")
            .register(metrics);
    this.gas =
        DistributionSummary.builder("sable.pipeline.gas")
            .description("L1 gas of an accepted batch")
            .register(metrics);
    this.batchSize =
        DistributionSummary.builder("sable.pipeline.batch.size")
            .description("operations per batch: fills, deposits and withdrawals")
            .register(metrics);
    this.replacements =
        Counter.builder("sable.pipeline.replacements")
            .description("submissions re-sent with a higher fee")
            .register(metrics);
    this.reposts =
        Counter.builder("sable.pipeline.reposts")
            .description("batches posted again after an L1 reorg dropped them")
            .register(metrics);
    Gauge.builder(
            "sable.pipeline.roots.agree",
            this,
            p -> !p.l1Root.isEmpty() && p.l1Root.equals(p.nodeRoot) ? 1 : 0)
        .description("1 when the node's state root equals the bridge's root")
        .register(metrics);
  }

  /**
   * Refuses a bridge that verifies with other keys than the prover's: the node would only post
   * batches L1 rejects.
   *
   * @throws VerifierMismatchException naming both keys when they differ
   */
  public static void checkVerifier(CircuitKeys keys, RollupBridge bridge) {
    String onL1 = bridge.verifyingKeyHash();
    if (!onL1.equalsIgnoreCase(keys.verifyingKeyHash())) {
      throw new VerifierMismatchException(
          String.format(
              "refusing to post: the bridge at %s verifies with key %s, this node proves with key"
                  + " %s (%s in %s); upgrade the bridge's verifier to these keys through governance,"
                  + " or open the keys the bridge verifies with",
              bridge.address(),
              onL1,
              keys.verifyingKeyHash(),
              keys.setupDescription(),
              keys.keyDir()));
    }
  }

  /** Starts the pipeline's thread. */
  public void start() {
    thread.start();
  }

  /**
   * The first journal entry whose effects the node's settlement state may not hold yet (1 before
   * the first batch): the entries from it on must stay in the journal and be replayed through the
   * sequencer after a restart, so no snapshot is taken past it. Any thread.
   */
  public long retentionFloor() {
    return store.batch(prover.batchNumber()).map(a -> a.record().throughSequence() + 1).orElse(1L);
  }

  /** How many batches the node's settlement state holds (all on L1). Any thread. */
  public long batchesHeld() {
    return prover.batchNumber();
  }

  /** Why the pipeline cannot post now, or null. */
  @Override
  public String problem() {
    return problem;
  }

  private void run() {
    while (running) {
      boolean busy;
      try {
        busy = step();
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("pipeline step failed: {}", e.toString());
        }
        busy = false;
      }
      if (!busy) {
        sleep(intervalMs);
      }
    }
  }

  /**
   * One step: reconcile if needed, advance the submission in flight, or build, prove and send the
   * next batch. Returns whether there was work. Tests call it directly instead of {@link #start}.
   */
  public boolean step() {
    if (thread.isAlive() && Thread.currentThread() != thread) {
      throw new IllegalStateException("only sable-pipeline drives the pipeline once it runs");
    }
    try {
      return stepOnce();
    } catch (RuntimeException e) {
      reconciled = false; // the outcome of whatever was under way is unknown: ask L1 first
      throw e;
    }
  }

  private boolean stepOnce() {
    if (!reconciled) {
      reconcile();
      if (!reconciled) {
        return false;
      }
    }
    Optional<Submission> pending = store.pending();
    if (pending.isPresent()) {
      return advance(pending.get());
    }
    BigInteger l1 = bridge.stateRoot();
    long count = bridge.batchCount();
    observeRoots(l1);
    if (!l1.equals(prover.root().toBigInteger()) || count != prover.batchNumber()) {
      reconciled = false; // L1 moved under us (a reorg): reconcile before the next batch
      return true;
    }
    Optional<SealedBatch> sealed;
    try {
      sealed = source.next(prover.state());
    } catch (IllegalStateException e) {
      problem = e.getMessage(); // the source cannot go on (batching stopped): say why
      return false;
    }
    if (sealed.isEmpty()) {
      return false;
    }
    ProvenBatch proven = prove(sealed.get());
    if (proven == null) {
      return false;
    }
    return post(
        Submission.of(proven, bridge.nonce(true), bridge.fees(!proven.blobData().isEmpty())));
  }

  /** The batch proven on the current state, or null (and a problem) if it breaks a rule. */
  private ProvenBatch prove(SealedBatch sealed) {
    if (lastProven != null
        && lastProven.oldRoot().equals(prover.root())
        && lastProven.number() == prover.batchNumber() + 1
        && lastProven.throughSequence() == sealed.throughSequence()) {
      return lastProven; // the same batch again, after L1 refused it for a passing reason
    }
    ProvenBatch proven;
    try {
      proven = prover.prove(sealed);
    } catch (SettlementRuleException | CapacityException e) {
      problem =
          "the sequencer sealed a batch the settlement rules refuse (through journal entry "
              + sealed.throughSequence()
              + "): "
              + e.getMessage();
      LOG.error(problem);
      return null;
    }
    proveTime.record(proven.proveMs(), TimeUnit.MILLISECONDS);
    BatchSummary s = proven.summary();
    batchSize.record(s.trades() + s.deposits() + s.refunds() + s.withdrawals().size());
    lastProven = proven;
    return proven;
  }

  /**
   * Records a new submission and sends it, unless the bridge would refuse it now: then it says why
   * and waits for the next step.
   */
  private boolean post(Submission s) {
    Optional<String> refusal = bridge.simulate(s.forL1());
    if (refusal.isPresent()) {
      problem = "the bridge would refuse batch " + s.number() + " now: " + refusal.get();
      LOG.warn(problem);
      reconciled = false;
      return false;
    }
    store.savePending(s); // durable before anything is sent
    return advance(s);
  }

  /**
   * Sends if nothing was sent yet, waits for an outcome up to the receipt wait, else bumps the fee.
   * Returns whether to go on at once.
   */
  private boolean advance(Submission s) {
    if (s.transactions().isEmpty()) {
      if (bridge.nonce(false).compareTo(s.nonce()) > 0) {
        reconciled = false; // its nonce is used: by this batch before a crash, or by another
        return true;
      }
      s = send(s, s.fees());
    }
    long deadline = s.lastSentMillis() + receiptWait.toMillis();
    SettlementBatch batch = s.forL1(); // once: a blob batch's makes its blob's KZG proofs
    while (running) {
      for (int i = s.transactions().size() - 1; i >= 0; i--) {
        Optional<SubmitReceipt> receipt;
        try {
          receipt = bridge.receipt(s.transactions().get(i), batch);
        } catch (BatchRejectedException rejected) {
          rejected(s, rejected);
          return false;
        }
        if (receipt.isPresent()) {
          accepted(s, receipt.get().transactionHash(), receipt.get().gasUsed());
          return true;
        }
      }
      if (System.currentTimeMillis() >= deadline) {
        break;
      }
      sleep(POLL_MS);
    }
    if (!running) {
      return false;
    }
    BigInteger l1 = bridge.stateRoot();
    long count = bridge.batchCount();
    if (count == s.number() && l1.equals(s.newRootValue())) {
      accepted(s, transactionOf(s.number()), 0);
    } else if (count != s.number() - 1 || !l1.equals(s.oldRootValue())) {
      reconciled = false;
    } else {
      // a blob pool takes a replacement only at twice every fee cap (FeeCaps.replacement); the
      // blob goes again with it (Submission.forL1)
      FeeCaps bumped = s.fees().replacement(bridge.fees(s.carriesBlob()));
      LOG.info(
          "no receipt within {} s: re-sending batch {} with {}",
          receiptWait.toSeconds(),
          s.number(),
          bumped);
      replacements.increment();
      send(s, bumped);
    }
    return true;
  }

  private Submission send(Submission s, FeeCaps fees) {
    String tx = bridge.sendSubmit(s.forL1(), s.nonce(), fees);
    Submission sent = s.sent(tx, fees, System.currentTimeMillis());
    store.savePending(sent);
    return sent;
  }

  private void accepted(Submission s, String transaction, long gasUsed) {
    if (!s.repost() && prover.batchNumber() == s.number() - 1) {
      beforeCommit.run();
      prover.commit(s.change());
    }
    BatchRecord record =
        new BatchRecord(
            s.number(),
            "verified",
            s.oldRoot(),
            s.newRoot(),
            s.throughSequence(),
            s.summary(),
            transaction,
            gasUsed,
            s.proveMs());
    store.accepted(
        new PipelineStore.Accepted(
            record, s.publicData(), s.commitment(), s.proof(), s.blobData(), s.blobs()));
    gas.record(gasUsed);
    lastProven = null;
    problem = null;
    observeRoots(bridge.stateRoot());
    LOG.info("batch {} verified on L1 (gas {})", s.number(), gasUsed);
    if (s.repost()) {
      reposts.increment();
      reconciled = false; // more may need posting again
    }
  }

  private void rejected(Submission s, BatchRejectedException e) {
    problem = "the bridge rejected batch " + s.number() + ": " + e.reason();
    LOG.warn(problem);
    store.clearPending();
    reconciled = false;
  }

  /** Brings the node and L1 to the same batch, or says why it cannot. */
  private void reconcile() {
    BigInteger l1 = bridge.stateRoot();
    long count = bridge.batchCount();
    Optional<Submission> pending = store.pending();
    if (pending.isPresent()) {
      Submission s = pending.get();
      if (s.takenAt(count, l1)
          || prover.batchNumber() == s.number() && prover.root().equals(Fr.fromHex(s.newRoot()))) {
        // L1 took it (maybe while the node was down), or the state stored it before a crash
        accepted(s, transactionOf(s.number()), 0);
      } else if (s.awaitedAt(count, l1)) {
        reconciled = true; // still in flight, or never sent: advance() sends or bumps it
        return;
      } else {
        store.clearPending(); // L1 went elsewhere; the source gives the batch again if it must
      }
      l1 = bridge.stateRoot();
      count = bridge.batchCount();
    }
    observeRoots(l1);
    long mine = prover.batchNumber();
    if (count == mine && l1.equals(prover.root().toBigInteger())) {
      reconciled = true;
      problem = null;
      return;
    }
    Optional<PipelineStore.Accepted> dropped =
        count < mine ? store.batch(count + 1) : Optional.empty();
    if (dropped.isEmpty() || !dropped.get().startsFrom(l1)) {
      problem =
          String.format(
              "L1 is at batch %d, root %s; this node's state is at batch %d, root %s: L1 holds a"
                  + " history this node did not make",
              count, hex(l1), mine, prover.root());
      LOG.error(problem);
      return;
    }
    LOG.warn(
        "L1 is at batch {} after a reorg: posting batches {}..{} again", count, count + 1, mine);
    store.savePending(
        Submission.repost(
            dropped.get(), bridge.nonce(true), bridge.fees(!dropped.get().blobData().isEmpty())));
    reconciled = true;
    problem = null;
  }

  private String transactionOf(long number) {
    List<AcceptedBatch> batches = bridge.acceptedBatches();
    for (int i = batches.size() - 1; i >= 0; i--) {
      if (batches.get(i).batchNumber() == number) {
        return batches.get(i).at().transactionHash();
      }
    }
    return "";
  }

  private void observeRoots(BigInteger l1) {
    l1Root = hex(l1);
    nodeRoot = hex(prover.root().toBigInteger());
  }

  private static String hex(BigInteger v) {
    return String.format("%064x", v);
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public List<BatchRecord> recent(int limit) {
    return store.recent(limit).stream().map(PipelineStore.Accepted::record).toList();
  }

  @Override
  public Optional<BatchRecord> batch(long number) {
    return store.batch(number).map(PipelineStore.Accepted::record);
  }

  @Override
  public String l1Root() {
    return l1Root;
  }

  @Override
  public String nodeRoot() {
    return nodeRoot;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
