package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.l1.BatchEvent;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.intake.IntakeGate;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.journal.Provenance;
import dev.sable.node.pipeline.AccountLeafBuilder;
import dev.sable.node.pipeline.BatchProver;
import dev.sable.node.pipeline.L1Pipeline;
import dev.sable.node.sequencing.SequencerLoop;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.StateLayout;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's root never drifts from L1's (issue 11): the pipeline on a real anvil, driven step by
 * step, through a submission pending past its wait, a crash between L1's receipt and the tree's
 * commit, and an L1 reorg that drops an accepted batch. Each ends with the node's root equal to
 * L1's and the pipeline posting again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineReliabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(2);

  @TempDir static Path keyDir;
  @TempDir Path data;
  private GnarkProver prover;
  private DevChain chain;
  private Parts parts;
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  /** A crash the test throws from the pipeline's hook. */
  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** What a node process holds; closing it all and opening again is a restart. */
  final class Parts implements AutoCloseable {
    final NodeDatabase db;
    final RocksDbKeyValueStore store;
    final SparseMerkleTree tree;
    final SequencerLoop loop = new SequencerLoop();
    final L1Pipeline pipeline;

    Parts(Runnable beforeCommit) {
      this(beforeCommit, chain.bridge());
    }

    Parts(Runnable beforeCommit, RollupBridge bridge) {
      db = NodeDatabase.open(data.resolve("db"));
      store = RocksDbKeyValueStore.open(data.resolve("state"), true);
      tree =
          new SparseMerkleTree(
              store,
              "accounts".getBytes(StandardCharsets.US_ASCII),
              StateLayout.ACCOUNT_DEPTH,
              NativePoseidon2.INSTANCE);
      AccountKeys keys = new AccountKeys();
      IntakeGate gate = new IntakeGate(keys);
      AccountLeafBuilder builder = new AccountLeafBuilder(keys, NativePoseidon2.INSTANCE);
      loop.addListener(builder);
      for (JournalEntry e : deposits(3)) {
        gate.observe(e);
        loop.replay(e);
      }
      loop.start();
      pipeline =
          new L1Pipeline(
              loop,
              builder,
              new BatchProver(tree, prover, builder),
              bridge,
              db,
              WAIT,
              10,
              beforeCommit,
              metrics);
      pipeline.prepare(); // no thread: the test drives step()
    }

    @Override
    public void close() {
      loop.close();
      store.close();
      db.close();
    }
  }

  static List<JournalEntry> deposits(int accounts) {
    List<JournalEntry> out = new ArrayList<>();
    for (int a = 1; a <= accounts; a++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) a;
      byte[] key = EdDsaPrivateKey.fromSeed(seed).publicKey().encode();
      out.add(
          new JournalEntry(
              a,
              new Command.Deposit(a, 1_000L * a, AccountKey.of(key)),
              new Provenance.Registration(key)));
    }
    return out;
  }

  @BeforeAll
  void keys() {
    prover = GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP);
  }

  @AfterAll
  void closeProver() {
    prover.close();
  }

  @BeforeEach
  void chain() {
    SparseMerkleTree empty =
        new SparseMerkleTree(
            new dev.sable.state.store.InMemoryKeyValueStore(),
            new byte[] {'a'},
            StateLayout.ACCOUNT_DEPTH,
            NativePoseidon2.INSTANCE);
    chain = DevChain.start(Toolchain.fromEnvironment(), prover, empty.root().toBigInteger());
  }

  @AfterEach
  void stop() {
    if (parts != null) {
      parts.close();
    }
    chain.close();
  }

  private boolean rootsAgree() {
    return chain.bridge().stateRoot().equals(parts.tree.root().toBigInteger());
  }

  private long batches() {
    return chain.bridge().batchCount().longValueExact();
  }

  private void stepUntil(BooleanSupplier done) {
    for (int i = 0; i < 50 && !done.getAsBoolean(); i++) {
      parts.pipeline.step();
    }
    assertThat(done.getAsBoolean()).as("reached within 50 steps").isTrue();
  }

  private static void awaitL1(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("L1 reached the state within 10 s").isTrue();
  }

  private JsonNode rpc(String method, Object... params) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("jsonrpc", "2.0")
            .put("id", 1)
            .put("method", method)
            .set("params", JSON.valueToTree(params))
            .toString();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(chain.rpcUrl()))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.has("error")).as(method + ": " + r.body()).isFalse();
    return n.path("result");
  }

  @Test
  void aSubmissionPendingPastTheWaitIsReplacedAndTheNodeFollowsL1() throws Exception {
    parts = new Parts(() -> {});
    BigInteger genesis = chain.bridge().stateRoot();
    rpc("evm_setAutomine", false);
    parts.pipeline
        .step(); // proves, sends, waits 2 s for a receipt, then re-sends with a higher fee
    assertThat(metrics.get("sable.pipeline.replacements").counter().count()).isEqualTo(1);
    assertThat(chain.bridge().stateRoot()).isEqualTo(genesis);
    assertThat(parts.tree.root().toBigInteger()).as("tree waits for L1").isEqualTo(genesis);

    rpc("evm_mine");
    parts.pipeline.step(); // the replacement's receipt: commit
    assertThat(batches()).isEqualTo(1);
    assertThat(rootsAgree()).isTrue();

    rpc("evm_setAutomine", true);
    stepUntil(() -> batches() == 3);
    assertThat(rootsAgree()).isTrue();
  }

  /**
   * The real bridge behind a connection that fails on demand: a send lands and then throws, or
   * throws without landing; reads throw while {@code readsFail}.
   */
  static final class LosingBridge implements RollupBridge {
    final RollupBridge l1;
    RuntimeException sendFailure;
    boolean sendLands;
    boolean readsFail;

    LosingBridge(RollupBridge l1) {
      this.l1 = l1;
    }

    @Override
    public SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
      throw new UnsupportedOperationException("the pipeline sends with a nonce");
    }

    @Override
    public String sendSubmit(
        BigInteger oldRoot, BigInteger newRoot, byte[] proof, BigInteger nonce, BigInteger price) {
      if (sendFailure != null) {
        if (sendLands) {
          l1.sendSubmit(oldRoot, newRoot, proof, nonce, price);
        }
        throw sendFailure;
      }
      return l1.sendSubmit(oldRoot, newRoot, proof, nonce, price);
    }

    @Override
    public Optional<SubmitReceipt> receipt(
        String tx, BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
      return l1.receipt(tx, oldRoot, newRoot, proof);
    }

    @Override
    public BigInteger nonce(boolean pending) {
      return l1.nonce(pending);
    }

    @Override
    public BigInteger gasPrice() {
      return l1.gasPrice();
    }

    @Override
    public List<BatchEvent> batchEvents() {
      return l1.batchEvents();
    }

    @Override
    public BigInteger stateRoot() {
      if (readsFail) {
        throw new IllegalStateException("stateRoot() failed: timeout");
      }
      return l1.stateRoot();
    }

    @Override
    public BigInteger batchCount() {
      return l1.batchCount();
    }

    @Override
    public String address() {
      return l1.address();
    }

    @Override
    public String verifyingKeyHash() {
      return l1.verifyingKeyHash();
    }
  }

  @Test
  void aLostReceiptForABatchThatLandedStillCommitsTheTree() {
    LosingBridge flaky = new LosingBridge(chain.bridge());
    parts = new Parts(() -> {}, flaky);
    BigInteger genesis = chain.bridge().stateRoot();
    UncheckedIOException lost = new UncheckedIOException(new IOException("connection reset"));
    flaky.sendFailure = lost;
    flaky.sendLands = true;
    assertThatThrownBy(() -> parts.pipeline.step()).isSameAs(lost);
    awaitL1(() -> batches() == 1); // the transaction went out before the connection broke
    assertThat(parts.tree.root().toBigInteger()).isEqualTo(genesis);
    flaky.sendFailure = null;
    parts.pipeline.step(); // reconciles: L1 took it, the tree commits it, and it goes on posting
    assertThat(rootsAgree()).isTrue();
    assertThat(parts.pipeline.batch(1)).isPresent(); // recorded, never posted twice
    assertThat(chain.bridge().batchEvents())
        .extracting(BatchEvent::oldRoot)
        .doesNotHaveDuplicates();
  }

  @Test
  void aSubmissionThatNeverLandedIsSentAgainAndTheTreeWaitsForIt() {
    LosingBridge flaky = new LosingBridge(chain.bridge());
    parts = new Parts(() -> {}, flaky);
    BigInteger genesis = chain.bridge().stateRoot();
    flaky.sendFailure = new UncheckedIOException(new IOException("connection refused"));
    assertThatThrownBy(() -> parts.pipeline.step()).isInstanceOf(UncheckedIOException.class);
    assertThat(batches()).isZero();
    assertThat(parts.tree.root().toBigInteger()).isEqualTo(genesis);
    flaky.readsFail = true; // L1 cannot even be read: nothing moves
    assertThatThrownBy(() -> parts.pipeline.step()).hasMessageContaining("stateRoot() failed");
    assertThat(parts.tree.root().toBigInteger()).isEqualTo(genesis);
    flaky.readsFail = false;
    flaky.sendFailure = null;
    stepUntil(() -> batches() == 1);
    assertThat(rootsAgree()).isTrue();
  }

  @Test
  void aCrashBetweenTheReceiptAndTheCommitIsHealedAtRestart() {
    boolean[] crashed = {false};
    parts =
        new Parts(
            () -> {
              if (!crashed[0]) {
                crashed[0] = true;
                throw new SimulatedCrash();
              }
            });
    BigInteger genesis = chain.bridge().stateRoot();
    assertThatThrownBy(() -> parts.pipeline.step()).isInstanceOf(SimulatedCrash.class);
    assertThat(batches()).isEqualTo(1);
    assertThat(chain.bridge().stateRoot()).isNotEqualTo(genesis);
    assertThat(parts.tree.root().toBigInteger()).as("never committed").isEqualTo(genesis);

    parts.close(); // the process is gone; its database and tree are what a restart finds
    parts = new Parts(() -> {});
    parts.pipeline.step(); // reconciles: L1 took the batch, so the tree commits it
    assertThat(rootsAgree()).isTrue();
    stepUntil(() -> batches() == 3);
    assertThat(rootsAgree()).isTrue();
  }

  @Test
  void aBatchAnL1ReorgDropsIsPostedAgain() throws Exception {
    parts = new Parts(() -> {});
    stepUntil(() -> batches() == 1);
    String snapshot = rpc("evm_snapshot").asText();
    stepUntil(() -> batches() == 2);
    BigInteger second = chain.bridge().stateRoot();
    assertThat(rootsAgree()).isTrue();

    assertThat(rpc("evm_revert", snapshot).asBoolean()).isTrue(); // the reorg
    assertThat(batches()).isEqualTo(1);
    assertThat(rootsAgree()).isFalse();

    stepUntil(() -> batches() == 2 && rootsAgree());
    assertThat(chain.bridge().stateRoot()).isEqualTo(second);
    assertThat(metrics.get("sable.pipeline.reposts").counter().count()).isEqualTo(1);
    stepUntil(() -> batches() == 3);
    assertThat(rootsAgree()).isTrue();
  }
}
