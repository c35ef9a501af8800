package dev.sable.node.pipeline;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchEvent;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.prover.CircuitKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches to L1, on one thread ({@code sable-pipeline}) that owns the account tree: seal a batch
 * (on the sequencer's thread), prove it, record the submission durably, send it, and commit the
 * tree only once L1 holds the new root. The node's root never drifts from L1's:
 *
 * <ul>
 *   <li>a submission stays recorded until its outcome is known: a receipt (commit), a revert (drop
 *       it, its accounts wait for another batch), or L1's root itself;
 *   <li>past the receipt wait it is replaced with the same nonce and a higher gas price;
 *   <li>at start, and after any unknown outcome, the pipeline reconciles with L1: a batch L1
 *       accepted while the node was down is committed; a batch an L1 reorg dropped is posted again
 *       (same proof, same roots); an L1 root this node never made stops posting (the node is then
 *       not ready) instead of posting batches L1 would refuse.
 * </ul>
 */
public final class L1Pipeline implements BatchLedger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L1Pipeline.class);
  private static final long POLL_MS = 200;

  private final SequencerLoop sequencer;
  private final BatchBuilder builder;
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

  /**
   * @param beforeCommit runs after L1 accepted a batch and before the tree stores it (tests use it
   *     to crash exactly there)
   */
  public L1Pipeline(
      SequencerLoop sequencer,
      BatchBuilder builder,
      BatchProver prover,
      RollupBridge bridge,
      dev.sable.node.journal.NodeDatabase db,
      Duration receiptWait,
      long intervalMs,
      Runnable beforeCommit,
      MeterRegistry metrics) {
    checkVerifier(prover.keys(), bridge);
    this.sequencer = sequencer;
    this.builder = builder;
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
            .description("account-tree writes per batch")
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
        .description("1 when the node's tree root equals the bridge's root")
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

  /** Starts the pipeline's thread, after {@link #prepare}. */
  public void start() {
    prepare();
    thread.start();
  }

  /**
   * Marks every account as changed: after a start the node cannot tell which leaves L1 already has,
   * and a batch that changes nothing is skipped before it is sent. Tests call this and then drive
   * {@link #step} themselves.
   */
  public void prepare() {
    sequencer.query(
        s -> {
          if (builder instanceof AccountLeafBuilder a) {
            a.markAll(s);
          }
          return null;
        });
  }

  /** Why the pipeline cannot post now, or null. */
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
   * One step: reconcile if needed, advance the submission in flight, or seal, prove and send the
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
      advance(pending.get());
      return true;
    }
    BigInteger l1 = bridge.stateRoot();
    observeRoots(l1);
    if (!l1.equals(prover.root().toBigInteger())) {
      reconciled = false; // L1 moved under us (a reorg): reconcile before the next batch
      return true;
    }
    SealedBatch batch = await(sequencer.query(s -> builder.seal(s, sequencer.appliedSequence())));
    if (batch == null) {
      return false;
    }
    ProvenBatch proven;
    try {
      proven = prover.prove(batch);
    } catch (RuntimeException e) {
      retry(batch);
      throw e;
    }
    if (proven.oldRoot().equals(proven.newRoot())) {
      return true; // L1 already has this leaf
    }
    proveTime.record(proven.proveMs(), TimeUnit.MILLISECONDS);
    batchSize.record(batch.writes().size());
    Submission s = Submission.of(proven, bridge.nonce(true), bridge.gasPrice(), false);
    store.savePending(s); // durable before anything is sent
    advance(s);
    return true;
  }

  /** Sends if nothing was sent yet, waits for an outcome up to the receipt wait, else bumps. */
  private void advance(Submission s) {
    if (s.transactions().isEmpty()) {
      if (bridge.nonce(false).compareTo(s.nonce()) > 0) {
        reconciled = false; // its nonce is used: by this batch before a crash, or by another
        return;
      }
      s = send(s, s.gasPrice());
    }
    long deadline = s.lastSentMillis() + receiptWait.toMillis();
    while (running) {
      for (int i = s.transactions().size() - 1; i >= 0; i--) {
        Optional<SubmitReceipt> receipt;
        try {
          receipt =
              bridge.receipt(
                  s.transactions().get(i), s.oldRootValue(), s.newRootValue(), s.proof());
        } catch (BatchRejectedException rejected) {
          rejected(s, rejected);
          return;
        }
        if (receipt.isPresent()) {
          accepted(s, receipt.get().transactionHash(), receipt.get().gasUsed());
          return;
        }
      }
      if (System.currentTimeMillis() >= deadline) {
        break;
      }
      sleep(POLL_MS);
    }
    if (!running) {
      return;
    }
    BigInteger l1 = bridge.stateRoot();
    if (l1.equals(s.newRootValue())) {
      accepted(s, transactionOf(s.newRootValue()), 0);
    } else if (!l1.equals(s.oldRootValue())) {
      reconciled = false;
    } else {
      BigInteger bumped =
          s.gasPrice()
              .multiply(BigInteger.valueOf(5))
              .divide(BigInteger.valueOf(4))
              .add(BigInteger.ONE);
      LOG.info(
          "no receipt within {} s: re-sending batch with gas price {}",
          receiptWait.toSeconds(),
          bumped);
      replacements.increment();
      send(s, bumped.max(bridge.gasPrice()));
    }
  }

  private Submission send(Submission s, BigInteger price) {
    String tx = bridge.sendSubmit(s.oldRootValue(), s.newRootValue(), s.proof(), s.nonce(), price);
    Submission sent = s.sent(tx, price, System.currentTimeMillis());
    store.savePending(sent);
    return sent;
  }

  private void accepted(Submission s, String transaction, long gasUsed) {
    ProvenBatch proven = s.proven();
    if (!s.repost() && !prover.root().equals(proven.newRoot())) {
      beforeCommit.run();
      prover.commit(proven);
    }
    long number = bridge.batchCount().longValueExact();
    BatchRecord record =
        new BatchRecord(
            number,
            "verified",
            s.oldRoot(),
            s.newRoot(),
            s.account(),
            s.throughSequence(),
            transaction,
            gasUsed,
            s.proveMs());
    store.accepted(new PipelineStore.Accepted(record, s.proof()));
    gas.record(gasUsed);
    observeRoots(bridge.stateRoot());
    if (s.repost()) {
      reposts.increment();
      reconciled = false; // more may need posting again
    }
  }

  private void rejected(Submission s, BatchRejectedException e) {
    LOG.warn("the bridge rejected a batch: {}", e.reason());
    store.clearPending();
    if (!s.repost()) {
      retry(s.proven().batch());
    }
    reconciled = false;
  }

  /** Brings the node and L1 to the same root, or says why it cannot. */
  private void reconcile() {
    BigInteger l1 = bridge.stateRoot();
    Fr tree = prover.root();
    Optional<Submission> pending = store.pending();
    if (pending.isPresent()) {
      Submission s = pending.get();
      if (tree.toBigInteger().equals(s.newRootValue()) || l1.equals(s.newRootValue())) {
        // L1 took it (maybe while the node was down), or the tree already stored it before a crash
        accepted(s, transactionOf(s.newRootValue()), 0);
      } else if (l1.equals(s.oldRootValue()) && tree.toBigInteger().equals(s.oldRootValue())) {
        reconciled = true; // still in flight: advance() resends or bumps it
        problem = null;
        return;
      } else {
        store.clearPending();
        if (!s.repost()) {
          retry(s.proven().batch());
        }
      }
      l1 = bridge.stateRoot();
      tree = prover.root();
    }
    observeRoots(l1);
    if (l1.equals(tree.toBigInteger())) {
      reconciled = true;
      problem = null;
      return;
    }
    List<PipelineStore.Accepted> dropped = droppedBatches(l1, tree);
    if (dropped == null) {
      problem = "L1's root " + hex(l1) + " is not one this node made; the node's root is " + tree;
      LOG.error(problem);
      return;
    }
    PipelineStore.Accepted first = dropped.get(0);
    LOG.warn("L1 is at {} after a reorg: posting {} batch(es) again", hex(l1), dropped.size());
    ProvenBatch again =
        new ProvenBatch(
            new SealedBatch(List.of(), first.record().throughSequence(), first.record().account()),
            Fr.fromHex(first.record().oldRoot()),
            Fr.fromHex(first.record().newRoot()),
            first.proof(),
            first.record().proveMs());
    store.savePending(Submission.of(again, bridge.nonce(true), bridge.gasPrice(), true));
    reconciled = true;
    problem = null;
  }

  /**
   * The accepted batches that lead from L1's root to the tree's, oldest first, or null if the
   * node's history has no such chain.
   */
  private List<PipelineStore.Accepted> droppedBatches(BigInteger l1, Fr tree) {
    List<PipelineStore.Accepted> chain = new ArrayList<>();
    BigInteger want = tree.toBigInteger();
    for (PipelineStore.Accepted a : store.recent(256)) {
      if (!Fr.fromHex(a.record().newRoot()).toBigInteger().equals(want)) {
        continue; // a record overwritten by a later batch of the same number
      }
      chain.add(0, a);
      want = Fr.fromHex(a.record().oldRoot()).toBigInteger();
      if (want.equals(l1)) {
        return chain;
      }
    }
    return null;
  }

  private String transactionOf(BigInteger newRoot) {
    List<BatchEvent> events = bridge.batchEvents();
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).newRoot().equals(newRoot)) {
        return events.get(i).transactionHash();
      }
    }
    return "";
  }

  private void retry(SealedBatch batch) {
    sequencer.query(
        s -> {
          builder.retry(batch);
          return null;
        });
  }

  private void observeRoots(BigInteger l1) {
    l1Root = hex(l1);
    nodeRoot = hex(prover.root().toBigInteger());
  }

  private static String hex(BigInteger v) {
    return String.format("%064x", v);
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("sequencer query failed", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the sequencer did not answer within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
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
