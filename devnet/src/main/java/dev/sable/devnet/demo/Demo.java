package dev.sable.devnet.demo;

import dev.sable.crypto.FieldHasher;
import dev.sable.devnet.DevChain;
import dev.sable.devnet.Toolchain;
import dev.sable.node.pipeline.BatchPipeline;
import dev.sable.node.pipeline.BatchResult;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo: a node on embedded defaults with a local L1. Accounts receive deposits; each deposit is
 * one batch, proven with gnark through JNI and verified by the bridge on anvil.
 */
public final class Demo {
  /** Batch b deposits into account 1 + b * ACCOUNT_STRIDE, spreading them over the tree. */
  private static final long ACCOUNT_STRIDE = 7919;

  /** The most batches a run can make before its accounts would leave the depth-24 tree. */
  public static final int MAX_BATCHES =
      (int) (((1L << StateLayout.ACCOUNT_DEPTH) - 2) / ACCOUNT_STRIDE) + 1;

  private final Toolchain toolchain;
  private final Path keyDir;
  private final Consumer<String> log;

  public Demo(Toolchain toolchain, Path keyDir, Consumer<String> log) {
    this.toolchain = toolchain;
    this.keyDir = keyDir;
    this.log = log;
  }

  /** Runs the given number of batches (1 to MAX_BATCHES) and reports what L1 ended up with. */
  public DemoSummary run(int batches) {
    if (batches < 1 || batches > MAX_BATCHES) {
      throw new IllegalArgumentException("batches must be between 1 and " + MAX_BATCHES);
    }
    long setupStart = System.nanoTime();
    try (GnarkProver prover =
        GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP)) {
      long setupMs = (System.nanoTime() - setupStart) / 1_000_000;
      var keys = prover.keys();
      log.accept(
          (keys.reused() ? "keys reused from " : "keys set up in ")
              + keys.keyDir()
              + " ("
              + keys.constraints()
              + " constraints, "
              + setupMs
              + " ms): "
              + keys.setupDescription());
      if (!keys.note().isEmpty()) {
        log.accept("keys: " + keys.note());
      }
      FieldHasher hasher = NativePoseidon2.preferred();
      SparseMerkleTree tree =
          new SparseMerkleTree(
              new InMemoryKeyValueStore(),
              "accounts".getBytes(StandardCharsets.US_ASCII),
              StateLayout.ACCOUNT_DEPTH,
              hasher);
      DemoAccounts accounts = new DemoAccounts(hasher);
      try (DevChain chain = DevChain.start(toolchain, prover, tree.root().toBigInteger())) {
        log.accept("local L1 at " + chain.rpcUrl() + ", bridge " + chain.bridge().address());
        try {
          return runBatches(batches, prover, tree, accounts, chain, setupMs);
        } catch (RuntimeException e) {
          throw chain.explain(e);
        }
      }
    }
  }

  private DemoSummary runBatches(
      int batches,
      GnarkProver prover,
      SparseMerkleTree tree,
      DemoAccounts accounts,
      DevChain chain,
      long setupMs) {
    var keys = prover.keys();
    BatchPipeline pipeline = BatchPipeline.start(tree, prover, chain.bridge());
    List<Long> gas = new ArrayList<>();
    List<Long> proveMs = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      long account = 1 + ACCOUNT_STRIDE * b; // spread accounts over the tree
      long collateral = 1_000_000L * (b + 1);
      BatchResult r = pipeline.apply(account, accounts.withCollateral(account, collateral).hash());
      gas.add(r.submitGas());
      proveMs.add(r.proveMillis());
      log.accept(
          String.format(
              "batch %d: deposit %d into account %d, proved in %d ms, verified on L1 (gas %d)",
              r.batchNumber(), collateral, account, r.proveMillis(), r.submitGas()));
    }
    return new DemoSummary(
        chain.bridge().batchCount().longValueExact(),
        hex(tree.root().toBigInteger()),
        hex(chain.bridge().stateRoot()),
        gas.isEmpty() ? 0 : gas.get(gas.size() - 1),
        gas,
        proveMs.isEmpty() ? 0 : proveMs.get(proveMs.size() - 1),
        proveMs,
        keys.constraints(),
        keys.circuit(),
        keys.reused(),
        keys.keyDir(),
        keys.setup().kind(),
        keys.verifyingKeyHash(),
        setupMs,
        chain.bridge().address());
  }

  static String hex(BigInteger value) {
    return String.format("0x%064x", value);
  }
}
