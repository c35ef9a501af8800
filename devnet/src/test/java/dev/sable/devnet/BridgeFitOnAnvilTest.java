package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.l1.L1Rpc;
import dev.sable.node.Node;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.l1.RpcL1;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.node.pipeline.VerifierMismatchException;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node refuses, at start and before it journals anything, a bridge that is not its own
 * (docs/node.md "Startup checks"): deployed for another circuit, another market count, another
 * genesis, or ahead of the node's state by batches the node did not make.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeFitOnAnvilTest {
  BridgeDeployer chain;

  @BeforeAll
  void start() throws IOException {
    chain = BridgeDeployer.start();
  }

  @AfterAll
  void stop() {
    chain.close();
  }

  String deploy(Capacities c, BigInteger genesisRoot, int markets) {
    return chain.deploy(c, genesisRoot, markets).address();
  }

  Node startOn(Path dir, String bridge) {
    return startOn(dir, bridge, "tiny");
  }

  Node startOn(Path dir, String bridge, String preset) {
    return startOn(dir, bridge, Map.of("SABLE_PIPELINE_CAPACITIES", preset), line -> {});
  }

  /**
   * A node over RPC at {@code bridge} with these settings, its progress lines to {@code progress}.
   */
  Node startOn(Path dir, String bridge, Map<String, String> settings, Consumer<String> progress) {
    return Node.start(
        LocalNodes.config(dir, settings),
        new RpcL1(
            chain.anvil.rpcUrl(),
            AnvilNode.CHAIN_ID,
            bridge,
            chain.dev.getEcKeyPair().getPrivateKey().toString(16),
            L1Rpc.DEV_TIMEOUT),
        progress);
  }

  /** The last journal entry in the node's data directory (0: none). */
  static long journaled(Path dir) {
    try (NodeDatabase db = NodeDatabase.open(dir.resolve("db"))) {
      return new Journal(db).lastSequence();
    }
  }

  @Test
  void refusesABridgeOfAnotherCircuit(@TempDir Path dir) {
    String bridge = deploy(Capacities.TINY_L2_Q1, BigInteger.ONE, 1);
    assertThatThrownBy(() -> startOn(dir, bridge))
        .hasMessageContaining("the bridge at " + bridge + " takes batches of layout")
        .hasMessageContaining("the node's circuit ")
        .hasMessageContaining(" makes ");
    assertThat(journaled(dir)).isZero();
  }

  /**
   * A node at the blob preset and a calldata bridge of the same layout, then the reverse: each is
   * refused at start with one line naming the bridge's kind, the preset and the fix, nothing
   * journaled; each matching pair passes that check (and is refused only at the genesis root, which
   * these bridges do not have).
   */
  @Test
  void refusesABridgeOfTheOtherKindAndPassesTheSameKind(
      @TempDir Path blob, @TempDir Path calldata) {
    String calldataBridge = deploy(Capacities.TINY_L2_Q1_OWNER, BigInteger.ONE, 1);
    String blobBridge = deploy(Capacities.TINY_L2_Q1_OWNER_BLOB, BigInteger.ONE, 1);

    assertThatThrownBy(() -> startOn(blob, calldataBridge, "tiny_l2_q1_owner_blob"))
        .hasMessage(
            "the bridge at "
                + calldataBridge
                + " is a SettlementBridge (owner rows in calldata), the node's preset"
                + " tiny_l2_q1_owner_blob (circuit"
                + " settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner-blob) posts its owner rows in a"
                + " blob: set l1.bridge to a SettlementBlobBridge's address, or"
                + " pipeline.capacities to a preset without -owner-blob");
    assertThat(journaled(blob)).isZero();
    assertThatThrownBy(() -> startOn(calldata, blobBridge, "tiny_l2_q1_owner"))
        .hasMessage(
            "the bridge at "
                + blobBridge
                + " is a SettlementBlobBridge (owner rows in a blob), the node's preset"
                + " tiny_l2_q1_owner (circuit settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner) posts"
                + " its owner rows in calldata: set l1.bridge to a SettlementBridge's address, or"
                + " pipeline.capacities to a preset with -owner-blob");
    assertThat(journaled(calldata)).isZero();

    assertThatThrownBy(() -> startOn(blob, blobBridge, "tiny_l2_q1_owner_blob"))
        .hasMessageContaining("the bridge at " + blobBridge + " is at batch 0, root 0x");
    assertThatThrownBy(() -> startOn(calldata, calldataBridge, "tiny_l2_q1_owner"))
        .hasMessageContaining("the bridge at " + calldataBridge + " is at batch 0, root 0x");
  }

  /**
   * A blob bridge deployed for two blobs per batch takes the one-blob preset's layout as its own
   * (the layout does not count blobs), so only the blob count tells them apart: refused at start,
   * nothing journaled, where the node used to start and fail at its first post.
   */
  @Test
  void refusesABlobBridgeOfAnotherBlobCount(@TempDir Path dir) {
    String twoBlobs =
        deploy(Capacities.TINY_L2_Q1_OWNER_BLOB.toBuilder().blobs(2).build(), BigInteger.ONE, 1);
    assertThatThrownBy(() -> startOn(dir, twoBlobs, "tiny_l2_q1_owner_blob"))
        .hasMessage(
            "the bridge at "
                + twoBlobs
                + " takes batches of 2 blobs, the node's preset tiny_l2_q1_owner_blob (circuit"
                + " settlement-m1-k1-a2-d2-o2-t1-w1-l2-q1-owner-blob) posts 1: set l1.bridge to a"
                + " SettlementBlobBridge whose blobCount is 1");
    assertThat(journaled(dir)).isZero();
  }

  /**
   * Over RPC a misfit bridge is refused before the proving keys load (minutes on a cold cache):
   * with only existing keys and an empty key directory, loading them would fail with "no keys for"
   * instead; the refusals of another kind and another layout come first and no progress line speaks
   * of keys. A fitting bridge, the control, gets past the checks to the keys.
   */
  @Test
  void refusesAMisfitBridgeBeforeLoadingTheKeys(
      @TempDir Path kind, @TempDir Path layout, @TempDir Path fit, @TempDir Path noKeys) {
    Map<String, String> existingKeysOnly =
        Map.of("SABLE_PROVER_KEYS", "existing", "SABLE_PROVER_KEY_DIR", noKeys.toString());
    List<String> progress = new ArrayList<>();

    String calldataBridge = deploy(Capacities.TINY_L2_Q1_OWNER, BigInteger.ONE, 1);
    assertThatThrownBy(
            () ->
                startOn(
                    kind,
                    calldataBridge,
                    with(existingKeysOnly, "tiny_l2_q1_owner_blob"),
                    progress::add))
        .hasMessageStartingWith("the bridge at " + calldataBridge + " is a SettlementBridge");
    String otherLayout = deploy(Capacities.TINY_L2_Q1, BigInteger.ONE, 1);
    assertThatThrownBy(
            () -> startOn(layout, otherLayout, with(existingKeysOnly, "tiny"), progress::add))
        .hasMessageContaining("the bridge at " + otherLayout + " takes batches of layout");
    assertThat(progress).isNotEmpty().noneMatch(line -> line.contains("keys"));
    assertThat(journaled(kind)).isZero();
    assertThat(journaled(layout)).isZero();

    Throwable refused =
        catchThrowable(() -> startOn(fit, deploy(Capacities.TINY, BigInteger.ONE, 1)));
    Matcher named = Pattern.compile("genesis root (0x[0-9a-f]+)").matcher(refused.getMessage());
    assertThat(named.find()).as(refused.getMessage()).isTrue();
    String own = deploy(Capacities.TINY, Fr.fromHex(named.group(1)).toBigInteger(), 1);
    progress.clear();
    assertThatThrownBy(() -> startOn(fit, own, with(existingKeysOnly, "tiny"), progress::add))
        .hasMessageContaining("no keys for settlement-m1-k1-a2-d2-o2-t1-w1 in");
    assertThat(progress).anyMatch(line -> line.startsWith("loading the proving keys of "));
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(fit.resolve("settlement"), true)) {
      assertThat(SettlementGenesis.isEmpty(store)).as("no genesis written without keys").isTrue();
    }
  }

  static Map<String, String> with(Map<String, String> settings, String preset) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("SABLE_PIPELINE_CAPACITIES", preset);
    return all;
  }

  /** An address whose contract has no {@code blobBatches()} (the token's) is refused at start. */
  @Test
  void refusesAContractThatDoesNotSayItsKind(@TempDir Path dir) {
    assertThatThrownBy(() -> startOn(dir, chain.token))
        .hasMessageContaining(
            "the bridge at " + chain.token + " does not say which kind of batch it takes")
        .hasMessageContaining("configure one deployed from this version's contracts");
    assertThat(journaled(dir)).isZero();
  }

  @Test
  void refusesABridgeOfAnotherMarketCount(@TempDir Path dir) {
    String bridge = deploy(Capacities.TINY, BigInteger.ONE, 2);
    assertThatThrownBy(() -> startOn(dir, bridge))
        .hasMessageContaining(
            "the bridge at "
                + bridge
                + " was deployed for a genesis of 2 markets, the node lists 1");
    assertThat(journaled(dir)).isZero();
  }

  @Test
  void refusesABridgeOfAnotherGenesisAndLeavesNoStateBoundToIt(@TempDir Path dir) {
    String other = deploy(Capacities.TINY, BigInteger.ONE, 1);
    Throwable refused = catchThrowable(() -> startOn(dir, other));
    assertThat(refused)
        .hasMessageContaining("the bridge at " + other + " is at batch 0, root 0x")
        .hasMessageContaining("this node starts a new state at genesis root 0x");
    assertThat(journaled(dir)).isZero();

    // the same data directory, at a bridge of the genesis root the refusal names: past these
    // checks, to the verifier's key (the accepting verifier's is no prover's), not refused as
    // bound to the first bridge
    Matcher named = Pattern.compile("genesis root (0x[0-9a-f]+)").matcher(refused.getMessage());
    assertThat(named.find()).isTrue();
    BigInteger genesis = Fr.fromHex(named.group(1)).toBigInteger();
    String own = deploy(Capacities.TINY, genesis, 1);
    assertThatThrownBy(() -> startOn(dir, own))
        .isInstanceOf(VerifierMismatchException.class)
        .hasMessageContaining("the bridge at " + own + " verifies with key");
    assertThat(journaled(dir)).isZero();
  }

  /**
   * A data directory copied before a batch, restarted at the bridge its node went on posting to:
   * its state is at batch 0, the bridge past it, by batches the copy never made.
   */
  @Test
  void refusesABridgeAheadOfTheNodesState(@TempDir Path dir, @TempDir Path copy) throws Exception {
    try (Node node = LocalNodes.start(dir)) {
      assertThat(node.report().bridgeAddress()).isNotEmpty();
    }
    copyData(dir, copy);
    try (Node node = LocalNodes.start(dir)) {
      LocalNodes.depositInAVerifiedBatch(node);
    }
    long before = journaled(copy);
    assertThatThrownBy(
            () ->
                Node.start(
                    LocalNodes.config(copy),
                    new LocalL1(Toolchain.fromEnvironment(), dir.resolve("l1")),
                    line -> {}))
        .hasMessageContaining("this node's state is at batch 0, root")
        .hasMessageContaining("a history the bridge did not accept");
    assertThat(journaled(copy)).as("nothing journaled").isEqualTo(before);
  }

  /** Copies the node's data (not its local L1) from {@code from} to {@code to}. */
  static void copyData(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files
          .filter(f -> !f.startsWith(from.resolve("l1")))
          .forEach(
              f -> {
                try {
                  Path target = to.resolve(from.relativize(f).toString());
                  if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                  } else {
                    Files.copy(f, target);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
