package dev.sable.node.l1;

import dev.sable.batch.sequencer.AccountKeys;
import dev.sable.crypto.Fr;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SettlementEvents.ForcedRequest;
import dev.sable.l1.SettlementEvents.QueuedDeposit;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.KeyPoint;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the settlement bridge's deposit queue and forced withdrawal request queue from L1 and
 * journals each record once it has {@code confirmations} blocks on top of it (docs/node.md,
 * "Deposits from L1", "Forced withdrawal requests from L1"), on its own thread ({@code
 * sable-l1-watcher}). A reorg shallower than the confirmation depth never reaches the journal: only
 * blocks at least that deep are read. Exactly once: in each queue the queue index is the
 * idempotency key, the journal refuses an index it already holds ({@link L1Deposits}, {@link
 * L1Requests}), and a restart resumes from the journal (the next indexes and the blocks of the last
 * ones; a node that never journaled a forced request resumes at its deposits' block when L1 has
 * none registered). L1 being unreachable (a restarting node, a broken connection) only delays it; a
 * journaled record's block leaving the chain (a reorg deeper than the confirmations) stops it,
 * since the journal cannot take a deposit back.
 */
public final class DepositWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DepositWatcher.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Blocks one log query covers at most by default (RPC providers bound eth_getLogs ranges). */
  public static final long BLOCKS_PER_SCAN = 5_000;

  /** Journals a command with its provenance; completes with its sequence number. */
  @FunctionalInterface
  public interface Journaling {
    CompletableFuture<Long> submit(Command command, Provenance provenance);
  }

  private final SettlementEvents events;
  private final Journaling journal;
  private final L1Queue deposits;
  private final L1Queue requests;
  private final boolean readsRequests;
  private final LongSupplier requestsQueued;
  private final long confirmations;
  private final long pollMs;
  private final long blocksPerScan;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String problem;
  private long scanFrom;
  private boolean positioned;

  /**
   * @param deposits the journal's deposit decisions, already replayed: where to resume
   * @param requests the journal's forced request decisions, already replayed
   * @param readsRequests whether to journal forced requests: only a circuit with request slots
   *     serves them (a batcher without slots stops at one; the bridge then freezes at the deadline)
   * @param requestsQueued L1's count of forced requests ever registered (the bridge's
   *     requestsQueued), read at the first step only when no request is journaled yet
   * @param confirmations blocks on top of a deposit's block before it is journaled (0: at once)
   * @param blocksPerScan blocks one log query covers at most
   */
  public DepositWatcher(
      SettlementEvents events,
      Journaling journal,
      L1Deposits deposits,
      L1Requests requests,
      boolean readsRequests,
      LongSupplier requestsQueued,
      long confirmations,
      long pollMs,
      long blocksPerScan) {
    if (confirmations < 0 || blocksPerScan < 1) {
      throw new IllegalArgumentException("confirmations >= 0 and blocksPerScan >= 1");
    }
    this.blocksPerScan = blocksPerScan;
    this.events = events;
    this.journal = journal;
    this.deposits = deposits.queue();
    this.requests = requests.queue();
    this.readsRequests = readsRequests;
    this.requestsQueued = requestsQueued;
    this.confirmations = confirmations;
    this.pollMs = pollMs;
    // both queues are scanned together: resume at the older of their last journaled blocks (from
    // block 0 while a queue has none journaled, so a record before the other's is never skipped;
    // resumeAtDeposits moves it when L1 has no request at all)
    this.scanFrom =
        Math.max(
            0,
            readsRequests
                ? Math.min(this.deposits.lastBlock(), this.requests.lastBlock())
                : this.deposits.lastBlock());
    this.thread = new Thread(this::run, "sable-l1-watcher");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Why the watcher stopped journaling L1's records, or null. */
  public String problem() {
    return problem;
  }

  private void run() {
    while (running && problem == null) {
      long from = scanFrom;
      try {
        step();
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("L1 watcher: {} (retrying)", e.toString());
        }
      }
      if (scanFrom - from < blocksPerScan) {
        sleep(); // caught up with the confirmed head (or failed): wait for more blocks
      }
    }
  }

  /**
   * Journals the deposits and requests with enough confirmations that are not journaled yet, from
   * the next {@code blocksPerScan} blocks at most; returns how many. Tests call it directly instead
   * of {@link #start}.
   */
  public int step() {
    if (problem != null) {
      return 0;
    }
    if (!positioned) {
      resumeAtDeposits();
    }
    long safe = Math.min(events.head() - confirmations, scanFrom + blocksPerScan - 1);
    if (safe < scanFrom
        || !stillOnChain("deposit", deposits.lastBlock(), deposits.lastBlockHash())
        || !stillOnChain("forced request", requests.lastBlock(), requests.lastBlockHash())) {
      return 0;
    }
    int journaled =
        journalInOrder(
            "deposit",
            events.deposits(scanFrom, safe),
            QueuedDeposit::index,
            deposits::next,
            this::journalDeposit,
            safe);
    if (problem == null && readsRequests) {
      journaled +=
          journalInOrder(
              "forced request",
              events.forcedRequests(scanFrom, safe),
              ForcedRequest::index,
              requests::next,
              this::journalRequest,
              safe);
    }
    if (problem == null) {
      scanFrom = safe + 1;
    }
    return journaled;
  }

  /**
   * A node that journaled deposits but never a forced request would rescan L1 from block 0 after
   * every restart. It may instead resume at its last journaled deposit's block when L1 has no
   * request registered at all (read at the head: none in any block before it). It may not without
   * that read: requests are journaled after the deposits of the same range, so a crash between the
   * two leaves a request older than the last journaled deposit unjournaled. A request registered
   * but not yet journaled keeps the scan from block 0.
   */
  private void resumeAtDeposits() {
    if (readsRequests
        && requests.lastBlock() < 0
        && deposits.lastBlock() > scanFrom
        && requestsQueued.getAsLong() == 0) {
      scanFrom = deposits.lastBlock();
    }
    positioned = true;
  }

  /**
   * Journals the records of one queue found in blocks [scanFrom, safe] that are not journaled yet,
   * in queue order; a gap in the queue stops the watcher.
   */
  private <T> int journalInOrder(
      String what,
      List<T> found,
      ToLongFunction<T> index,
      LongSupplier next,
      Predicate<T> journal,
      long safe) {
    int journaled = 0;
    List<T> fresh =
        found.stream()
            .filter(r -> index.applyAsLong(r) >= next.getAsLong())
            .sorted(Comparator.comparingLong(index))
            .toList();
    for (T r : fresh) {
      if (index.applyAsLong(r) != next.getAsLong()) {
        problem =
            "L1's "
                + what
                + " queue skips from "
                + next.getAsLong()
                + " to "
                + index.applyAsLong(r)
                + " in blocks "
                + scanFrom
                + ".."
                + safe;
        LOG.error(problem);
        return journaled;
      }
      if (journal.test(r)) {
        journaled++;
      }
    }
    return journaled;
  }

  /** Journals one deposit; false if the journal already had it. */
  private boolean journalDeposit(QueuedDeposit d) {
    Provenance.L1Deposit provenance =
        new Provenance.L1Deposit(
            d.index(),
            d.account(),
            HexFormat.of().parseHex(strip(d.sender())),
            word(d.keyX()),
            word(d.keyY()),
            blinding(),
            d.at().blockNumber(),
            HexFormat.of().parseHex(strip(d.at().blockHash())));
    return submit(
        new Command.Deposit(
            (int) d.account(),
            d.amount().longValueExact(),
            AccountKeys.of(new KeyPoint(Fr.of(d.keyX()), Fr.of(d.keyY())))),
        provenance,
        "L1 deposit " + d.index());
  }

  /**
   * Journals one forced withdrawal request (the journal's gate decides whether the account's key
   * signed it); false if the journal already had it.
   */
  private boolean journalRequest(ForcedRequest r) {
    Provenance.L1Request provenance =
        new Provenance.L1Request(
            r.index(),
            HexFormat.of().parseHex(strip(r.recipient())),
            word(r.rX()),
            word(r.rY()),
            word(r.s()),
            r.at().blockNumber(),
            HexFormat.of().parseHex(strip(r.at().blockHash())));
    return submit(
        new Command.ForcedWithdrawal(
            (int) r.account(), r.maxAmount().longValueExact(), r.nonce(), false),
        provenance,
        "L1 forced request " + r.index());
  }

  /** Journals a command; false if the journal refused it as already journaled. */
  private boolean submit(Command command, Provenance provenance, String what) {
    try {
      long sequence = journal.submit(command, provenance).get(30, TimeUnit.SECONDS);
      LOG.info("{} journaled at entry {}", what, sequence);
      return true;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof NodeError n && n.code() == ErrorCode.REPLAYED) {
        return false;
      }
      throw new CompletionException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the journal did not take " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Whether the block of a queue's last journaled record is still on L1's chain; if not, a reorg
   * deeper than the confirmations replaced it, and the watcher stops.
   */
  private boolean stillOnChain(String what, long block, String hash) {
    if (block < 0) {
      return true;
    }
    Optional<String> now = events.blockHash(block);
    if (now.isPresent() && strip(now.get()).equalsIgnoreCase(hash)) {
      return true;
    }
    problem =
        "L1 block "
            + block
            + " holding a journaled "
            + what
            + " left the chain: a reorg deeper than "
            + confirmations
            + " confirmations; raise l1.confirmations and rebuild the node's journal";
    LOG.error(problem);
    return false;
  }

  /** A random blinding for the account the deposit may create (31 bytes: always below r). */
  private static byte[] blinding() {
    byte[] b = new byte[Fr.BYTES];
    byte[] r = new byte[Fr.BYTES - 1];
    RANDOM.nextBytes(r);
    System.arraycopy(r, 0, b, 1, r.length);
    return b;
  }

  private static byte[] word(BigInteger v) {
    byte[] out = new byte[32];
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static String strip(String hex) {
    return hex.startsWith("0x") ? hex.substring(2) : hex;
  }

  private void sleep() {
    try {
      Thread.sleep(pollMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
