package dev.sable.node.config;

import dev.sable.batch.Capacities;
import dev.sable.node.api.ApiConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything `sable node run` reads from its config file (defaults in sable-defaults.yaml, each
 * overridable by an environment variable SABLE_&lt;PATH&gt;: docs/node.md lists them).
 */
public record NodeConfig(
    Path dataDir,
    ApiConfig http,
    Intake intake,
    Snapshot snapshot,
    L1 l1,
    Prover prover,
    Pipeline pipeline,
    Schedule schedule,
    boolean devFaucet,
    List<MarketConfig> markets) {

  /**
   * Verifier threads (0: open and verify each request on the event loop that read it, no hand-off),
   * the journal's queue and the session cache.
   */
  public record Intake(int verifierThreads, int queueCapacity, int sessionCache) {}

  /**
   * Sequencer snapshots (docs/node.md, "Snapshots"): how often the snapshotter looks (0: never),
   * how many journal entries must pass between two snapshots, how many files to keep, and whether
   * to delete journal entries older than the oldest snapshot kept.
   */
  public record Snapshot(long intervalMs, long minEntries, int keep, boolean pruneJournal) {}

  /** Where L1 is: a local dev chain started for the node, an RPC endpoint, or none at all. */
  public enum L1Mode {
    LOCAL,
    RPC,
    NONE
  }

  /**
   * The L1 connection. For {@code rpc}: the endpoint, the chain id, the deployed bridge and the
   * operator's key (hex; better given as SABLE_L1_OPERATOR_KEY than in a file). For {@code none}:
   * chainId and bridge still bind signatures. {@code receiptWaitSeconds}: how long to wait for a
   * submission's receipt before checking L1 and bumping the fee. {@code confirmations}: blocks on
   * top of a deposit's block before the node journals it (deeper than any reorg the chain has);
   * {@code pollMs}: how often the deposit watcher reads L1; {@code rpcTimeoutSeconds}: how long the
   * node's L1 client waits for each read or write of an RPC call.
   */
  public record L1(
      L1Mode mode,
      String rpcUrl,
      long chainId,
      String bridge,
      String operatorKey,
      int receiptWaitSeconds,
      long confirmations,
      long pollMs,
      int rpcTimeoutSeconds) {
    public java.time.Duration rpcTimeout() {
      return java.time.Duration.ofSeconds(rpcTimeoutSeconds);
    }
  }

  /**
   * Where the proving keys are, and which: {@code development} sets up single-party keys when none
   * are there (whoever ran that setup can forge proofs: development only); {@code existing} uses
   * only keys already installed, e.g. sealed by {@code sable ceremony}.
   */
  public record Prover(Path keyDir, KeySource keys) {}

  public enum KeySource {
    DEVELOPMENT,
    EXISTING
  }

  /**
   * The batch pipeline to L1: on or off, how often it looks for a sealed batch when idle, the
   * capacities of the settlement circuit that proves the batches (which fix its keys and the
   * bridge's public data layout), and the log time after which a batch holding operations is sealed
   * (the sealing rule's maximum age, docs/settlement.md "The sealing rule").
   */
  public record Pipeline(
      boolean enabled, long intervalMs, CircuitSize capacities, long maxBatchAgeMs) {}

  /** The settlement circuit's capacities by name (docs/settlement.md, "Names and keys"). */
  public enum CircuitSize {
    TINY(Capacities.TINY),
    /** Tiny with two liquidation steps (the demo's: one takeover liquidation per batch). */
    TINY_L2(Capacities.TINY_L2),
    /**
     * Tiny with two liquidation steps and one forced request slot (a forced request is served, not
     * a way to freeze the bridge; one listed market at most).
     */
    TINY_L2_Q1(Capacities.TINY_L2_Q1),
    /**
     * TINY_L2_Q1 with the owner-data section: the default and the demo's (each batch also publishes
     * its changed accounts' leaves, encrypted to their owners).
     */
    TINY_L2_Q1_OWNER(Capacities.TINY_L2_Q1_OWNER),
    /**
     * TINY_L2_Q1_OWNER with the owner rows in a blob ({@code -owner-blob}): its bridge is a
     * SettlementBlobBridge and each batch goes as a type-3 transaction carrying its blob.
     */
    TINY_L2_Q1_OWNER_BLOB(Capacities.TINY_L2_Q1_OWNER_BLOB),
    /**
     * TINY_L2_Q1_OWNER_BLOB with its owner rows in two blobs, one row each: its bridge is a
     * two-blob SettlementBlobBridge and each batch's transaction carries both blobs.
     */
    TINY_L2_Q1_OWNER_BLOB2(Capacities.TINY_L2_Q1_OWNER_BLOB2),
    /**
     * TINY_L2_Q1_OWNER with 8 market rows: serves the forced requests of a node listing any number
     * of markets (an account holds at most 8).
     */
    TINY_M8_L2_Q1_OWNER(Capacities.TINY_M8_L2_Q1_OWNER),
    /**
     * TINY_L2_Q1_OWNER with option rows and two market rows: the demo's (a perpetual and one option
     * on it, listed at genesis).
     */
    TINY_L2_Q1_OPT_OWNER(Capacities.TINY_L2_Q1_OPT_OWNER),
    /**
     * TINY_L2_Q1_OPT_OWNER with two expiry step slots (-e2): an option's expiry is proven (at the
     * presets without them the batcher refuses the time tick that settles an option).
     */
    TINY_L2_Q1_E2_OPT_OWNER(Capacities.TINY_L2_Q1_E2_OPT_OWNER),
    /**
     * TINY_L2_Q1_OPT_OWNER whose accounts may be portfolio-margined (-pm): the risk rows and the
     * portfolio requirement in the circuit, the risk commitment in the bridge's layout. It proves
     * no mode switch (no switch slots), so its accounts are cross-margined unless the settlement
     * state the node starts from holds one in portfolio mode (docs/node.md).
     */
    TINY_L2_Q1_OPT_PM_OWNER(Capacities.TINY_L2_Q1_OPT_PM_OWNER),
    /**
     * TINY_L2_Q1_OPT_PM_OWNER with one margin-mode switch slot (-s1): a trader switches between
     * cross and portfolio margin by a signed request, proven in a batch.
     */
    TINY_L2_Q1_S1_OPT_PM_OWNER(Capacities.TINY_L2_Q1_S1_OPT_PM_OWNER),
    SMALL(Capacities.SMALL),
    /**
     * Small with liquidation steps and three forced withdrawal request slots: the node journals and
     * serves L1's forced requests only with request slots.
     */
    FORCED(Capacities.FORCED),
    /** Tiny with the owner-data section (the node's test of it on a local L1). */
    TINY_OWNER(Capacities.TINY_OWNER),
    /**
     * Six account rows, eight liquidation steps and the owner-data section ({@code -owner}): each
     * batch publishes its changed accounts' leaves, encrypted to their owners, with the operator's
     * owner-data secret kept in the data directory.
     */
    OWNER(Capacities.OWNER);

    private final Capacities capacities;

    CircuitSize(Capacities capacities) {
      this.capacities = capacities;
    }

    public Capacities capacities() {
      return capacities;
    }
  }

  /** The node's own commands: time ticks, liquidation sweeps (milliseconds). */
  public record Schedule(long tickMs, long sweepMs) {}
}
