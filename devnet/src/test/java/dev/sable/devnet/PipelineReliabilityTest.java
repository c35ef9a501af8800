package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.batch.BatchBuilder;
import dev.sable.l1.FeeCaps;
import dev.sable.l1.Governance;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementDeployment;
import dev.sable.l1.SettlementEvents.AcceptedBatch;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.pipeline.BatchProver;
import dev.sable.node.pipeline.BatchSource;
import dev.sable.node.pipeline.L1Pipeline;
import dev.sable.node.pipeline.SealedBatch;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.node.pipeline.VerifierMismatchException;
import dev.sable.prover.GnarkProver;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.rocksdb.RocksDbKeyValueStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
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
 * The node's state never drifts from L1's: the settlement pipeline on a real anvil and a real
 * SettlementBridge, posting sample settlement batches (deposits from the bridge's queue, a trade,
 * withdrawals) proven at the Tiny capacities, driven step by step through a submission pending past
 * its wait, a crash between L1's receipt and the state's commit, an L1 reorg that drops an accepted
 * batch, and a connection lost around a send. Each ends with the node's state root equal to L1's
 * and the pipeline posting again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineReliabilityTest {
  private static final Duration WAIT = Duration.ofSeconds(2);
  private static final int BATCHES = 4;

  @TempDir Path data;
  private GnarkProver prover;
  private String verifierCode;
  private DevChain chain;
  private SampleSettlement sample;
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
    final SettlementState state;
    final L1Pipeline pipeline;

    Parts(Runnable beforeCommit) {
      this(beforeCommit, chain.bridge());
    }

    Parts(Runnable beforeCommit, RollupBridge bridge) {
      this(beforeCommit, bridge, sample.source());
    }

    Parts(Runnable beforeCommit, RollupBridge bridge, BatchSource source) {
      db = NodeDatabase.open(data.resolve("db"));
      store = RocksDbKeyValueStore.open(data.resolve("settlement"), true);
      state =
          SettlementGenesis.openOrCreate(
              store, SampleSettlement.deployment(chain), SampleSettlement.MARKETS);
      pipeline =
          new L1Pipeline(
              source,
              new BatchProver(state, new BatchBuilder(SampleSettlement.CAPS), prover),
              bridge,
              db,
              WAIT,
              10,
              beforeCommit,
              metrics); // no thread: the test drives step()
    }

    @Override
    public void close() {
      store.close();
      db.close();
    }
  }

  @BeforeAll
  void keys() {
    prover = SampleSettlement.prover(SampleSettlement.testKeys());
    verifierCode =
        new SolidityCompiler(Toolchain.fromEnvironment())
            .creationBytecode("Verifier.sol", prover.solidityVerifier(), "Verifier");
  }

  @AfterAll
  void closeProver() {
    prover.close();
  }

  @BeforeEach
  void chain() {
    chain =
        DevChain.on(
            AnvilNode.start(Toolchain.fromEnvironment()),
            verifierCode,
            DevChain.fixtureExitVerifierCode(Toolchain.fromEnvironment()),
            SampleSettlement.LAYOUT,
            SampleSettlement.genesisRoot(),
            1);
    sample = SampleSettlement.on(chain, BATCHES);
  }

  @AfterEach
  void stop() {
    if (parts != null) {
      parts.close();
    }
    chain.close();
  }

  private boolean rootsAgree() {
    return chain.bridge().stateRoot().equals(parts.state.root().toBigInteger())
        && chain.bridge().batchCount() == parts.state.batchNumber();
  }

  private long batches() {
    return chain.bridge().batchCount();
  }

  /**
   * Steps until {@code done}. Conditions on the roots agreeing go inside it: on a loaded machine a
   * receipt can miss the 2 s wait, a replacement goes out while the first send lands, and the state
   * commits the batch one step after L1 holds it.
   */
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

  JsonNode rpc(String method, Object... params) throws Exception {
    return AnvilRpc.call(chain.rpcUrl(), method, params);
  }

  @Test
  void sampleBatchesWithDepositsATradeAndWithdrawalsAreVerifiedOnL1() {
    parts = new Parts(() -> {});
    stepUntil(() -> batches() == BATCHES && rootsAgree());
    assertThat(parts.state.header().depositCount()).isEqualTo(2);
    assertThat(chain.bridge().depositsConsumed()).isEqualTo(2);
    assertThat(parts.pipeline.batch(2).orElseThrow().summary().trades()).isEqualTo(1);
    assertThat(chain.bridge().claimable("0x000000000000000000000000000000000000e005"))
        .isEqualTo(BigInteger.valueOf(1_001_000));
    assertThat(parts.pipeline.step()).as("nothing left to post").isFalse();
  }

  @Test
  void theBridgeVerifiesWithTheKeyHashTheNodeComputed() {
    assertThat(chain.bridge().verifyingKeyHash()).isEqualTo(prover.keys().verifyingKeyHash());
  }

  /** Keys from another setup (a swapped or regenerated key set) never reach L1. */
  @Test
  void aNodeWhoseKeysTheBridgeDoesNotVerifyWithRefusesToPost() throws Exception {
    String address = chain.operator().getAddress();
    SettlementBridgeClient other =
        SettlementBridgeClient.deploy(
            chain.web3j(),
            chain.operator(),
            AnvilNode.CHAIN_ID,
            new SettlementDeployment(
                chain.token().address(),
                SettlementBridgeClient.deployVerifier(
                    chain.web3j(),
                    chain.operator(),
                    AnvilNode.CHAIN_ID,
                    SampleSettlement.fixtureVerifierCode()),
                SampleSettlement.LAYOUT,
                SettlementBridgeClient.deployVerifier(
                    chain.web3j(),
                    chain.operator(),
                    AnvilNode.CHAIN_ID,
                    DevChain.fixtureExitVerifierCode(Toolchain.fromEnvironment())),
                DevChain.EXIT_DEADLINE,
                address,
                Governance.deployTimelock(
                    chain.web3j(),
                    chain.operator(),
                    AnvilNode.CHAIN_ID,
                    Governance.MIN_UPGRADE_DELAY,
                    address),
                address,
                SampleSettlement.genesisRoot(),
                1,
                DevChain.VERIFY_GAS));
    assertThatThrownBy(() -> new Parts(() -> {}, other))
        .isInstanceOf(VerifierMismatchException.class)
        .hasMessageContaining("verifies with key " + other.verifyingKeyHash())
        .hasMessageContaining("this node proves with key " + prover.keys().verifyingKeyHash())
        .hasMessageContaining("development keys");
    assertThat(other.batchCount()).isZero();
    assertThat(other.stateRoot()).isEqualTo(SampleSettlement.genesisRoot());
  }

  /**
   * A source that hands over a batch the settlement rules refuse (a withdrawal signed with a nonce
   * the account has not reached) stops the pipeline with the rule named; state and L1 stay put.
   */
  @Test
  void aBatchTheSettlementRulesRefuseStopsThePipelineAndMovesNothing() {
    dev.sable.batch.SettlementBatch forged =
        new dev.sable.batch.SettlementBatch(
            200,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(sample.world.withdrawWithNonce(SampleSettlement.ALICE, 1_000, 7)));
    List<dev.sable.batch.SettlementBatch> batches = List.of(sample.batches.get(0), forged);
    parts =
        new Parts(
            () -> {},
            chain.bridge(),
            state -> {
              int n = (int) state.batchNumber();
              return n < batches.size()
                  ? Optional.of(new SealedBatch(n + 1, batches.get(n)))
                  : Optional.empty();
            });
    stepUntil(() -> batches() == 1 && rootsAgree());
    BigInteger root = parts.state.root().toBigInteger();
    assertThat(parts.pipeline.step()).isFalse();
    assertThat(parts.pipeline.problem())
        .contains("the settlement rules refuse")
        .contains("withdrawal-nonce");
    assertThat(parts.state.root().toBigInteger()).isEqualTo(root);
    assertThat(batches()).isEqualTo(1);
    assertThat(rootsAgree()).isTrue();
  }

  /**
   * A batch the bridge would refuse now (its time, in milliseconds, an hour ahead of L1's clock) is
   * not sent: the pipeline says why, and sends it once L1's clock has passed it.
   */
  @Test
  void aBatchTheBridgeWouldRefuseNowWaitsWithoutSpendingGas() throws Exception {
    long ahead =
        chain
                    .web3j()
                    .ethGetBlockByNumber(
                        org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getTimestamp()
                    .longValueExact()
                * 1000
            + 3_600_000; // batch times are milliseconds, L1's clock seconds
    dev.sable.batch.SettlementBatch early = sample.batches.get(0);
    dev.sable.batch.SettlementBatch late =
        new dev.sable.batch.SettlementBatch(
            ahead,
            early.fundingTicks(),
            early.prices(),
            early.deposits(),
            early.trades(),
            early.withdrawals());
    parts =
        new Parts(
            () -> {},
            chain.bridge(),
            state ->
                state.batchNumber() == 0
                    ? Optional.of(new SealedBatch(1, late))
                    : Optional.empty());
    BigInteger nonce = chain.bridge().nonce(true);
    assertThat(parts.pipeline.step()).isFalse();
    assertThat(parts.pipeline.problem())
        .contains("would refuse batch 1")
        .contains("BatchTimeInFuture");
    assertThat(chain.bridge().nonce(true)).as("no transaction sent").isEqualTo(nonce);
    assertThat(batches()).isZero();

    rpc("evm_increaseTime", 7_200);
    rpc("evm_mine");
    stepUntil(() -> batches() == 1 && rootsAgree());
    assertThat(parts.pipeline.problem()).isNull();
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
    assertThat(parts.state.root().toBigInteger()).as("state waits for L1").isEqualTo(genesis);

    rpc("evm_mine");
    parts.pipeline.step(); // the replacement's receipt: commit
    assertThat(batches()).isEqualTo(1);
    assertThat(rootsAgree()).isTrue();

    rpc("evm_setAutomine", true);
    stepUntil(() -> batches() == 3 && rootsAgree());
  }

  /**
   * The real bridge behind a connection that fails on demand: a send lands and then throws, or
   * throws without landing; reads throw while {@code readsFail}. Not final: BlobPipelineTest's
   * faulty poster overrides a send.
   */
  static class LosingBridge implements RollupBridge {
    final RollupBridge l1;
    RuntimeException sendFailure;
    boolean sendLands;
    boolean readsFail;

    LosingBridge(RollupBridge l1) {
      this.l1 = l1;
    }

    @Override
    public Optional<String> simulate(SettlementBatch batch) {
      return l1.simulate(batch);
    }

    @Override
    public String sendSubmit(SettlementBatch batch, BigInteger nonce, FeeCaps fees) {
      if (sendFailure != null) {
        if (sendLands) {
          l1.sendSubmit(batch, nonce, fees);
        }
        throw sendFailure;
      }
      return l1.sendSubmit(batch, nonce, fees);
    }

    @Override
    public Optional<SubmitReceipt> receipt(String tx, SettlementBatch batch) {
      return l1.receipt(tx, batch);
    }

    @Override
    public BigInteger nonce(boolean pending) {
      return l1.nonce(pending);
    }

    @Override
    public FeeCaps fees(boolean carriesBlob) {
      return l1.fees(carriesBlob);
    }

    @Override
    public List<AcceptedBatch> acceptedBatches() {
      return l1.acceptedBatches();
    }

    @Override
    public BigInteger stateRoot() {
      if (readsFail) {
        throw new IllegalStateException("stateRoot() failed: timeout");
      }
      return l1.stateRoot();
    }

    @Override
    public long batchCount() {
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
  void aLostReceiptForABatchThatLandedStillCommitsTheState() {
    LosingBridge flaky = new LosingBridge(chain.bridge());
    parts = new Parts(() -> {}, flaky);
    BigInteger genesis = chain.bridge().stateRoot();
    UncheckedIOException lost = new UncheckedIOException(new IOException("connection reset"));
    flaky.sendFailure = lost;
    flaky.sendLands = true;
    assertThatThrownBy(() -> parts.pipeline.step()).isSameAs(lost);
    awaitL1(() -> batches() == 1); // the transaction went out before the connection broke
    assertThat(parts.state.root().toBigInteger()).isEqualTo(genesis);
    flaky.sendFailure = null;
    parts.pipeline.step(); // reconciles: L1 took it, the state commits it, and it goes on posting
    assertThat(parts.state.batchNumber())
        .as("batch 1 committed by the reconciling step")
        .isPositive();
    assertThat(parts.pipeline.batch(1)).isPresent(); // recorded, never posted twice
    stepUntil(this::rootsAgree);
    assertThat(chain.bridge().acceptedBatches())
        .extracting(AcceptedBatch::batchNumber)
        .doesNotHaveDuplicates();
  }

  @Test
  void aSubmissionThatNeverLandedIsSentAgainAndTheStateWaitsForIt() {
    LosingBridge flaky = new LosingBridge(chain.bridge());
    parts = new Parts(() -> {}, flaky);
    BigInteger genesis = chain.bridge().stateRoot();
    flaky.sendFailure = new UncheckedIOException(new IOException("connection refused"));
    assertThatThrownBy(() -> parts.pipeline.step()).isInstanceOf(UncheckedIOException.class);
    assertThat(batches()).isZero();
    assertThat(parts.state.root().toBigInteger()).isEqualTo(genesis);
    flaky.readsFail = true; // L1 cannot even be read: nothing moves
    assertThatThrownBy(() -> parts.pipeline.step()).hasMessageContaining("stateRoot() failed");
    assertThat(parts.state.root().toBigInteger()).isEqualTo(genesis);
    flaky.readsFail = false;
    flaky.sendFailure = null;
    stepUntil(() -> batches() == 1 && rootsAgree());
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
    assertThat(parts.state.root().toBigInteger()).as("never committed").isEqualTo(genesis);

    parts.close(); // the process is gone; its database and state are what a restart finds
    parts = new Parts(() -> {});
    parts.pipeline.step(); // reconciles: L1 took the batch, so the state commits it
    assertThat(parts.state.batchNumber()).as("batch 1 committed at restart").isPositive();
    stepUntil(() -> batches() == 3 && rootsAgree());
  }

  @Test
  void aBatchAnL1ReorgDropsIsPostedAgain() throws Exception {
    parts = new Parts(() -> {});
    stepUntil(() -> batches() == 1 && rootsAgree());
    String snapshot = rpc("evm_snapshot").asText();
    stepUntil(() -> batches() == 3 && rootsAgree());
    BigInteger third = chain.bridge().stateRoot();

    assertThat(rpc("evm_revert", snapshot).asBoolean()).isTrue(); // the reorg drops batches 2, 3
    assertThat(batches()).isEqualTo(1);
    assertThat(rootsAgree()).isFalse();

    stepUntil(() -> batches() == 3 && rootsAgree());
    assertThat(chain.bridge().stateRoot()).isEqualTo(third);
    assertThat(metrics.get("sable.pipeline.reposts").counter().count()).isEqualTo(2);
    stepUntil(() -> batches() == 4 && rootsAgree());
  }
}
