package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeClient;
import dev.sable.l1.RollupBridge;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.pipeline.BatchPipeline;
import dev.sable.node.pipeline.BatchResult;
import dev.sable.node.pipeline.VerifierMismatchException;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.NativeException;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain, nothing mocked: Java builds the leaf update and witness, gnark proves through
 * JNI, anvil runs the gnark-exported verifier and the bridge, and the root is read back from L1.
 * The tests share one chain and one node tree and run in any order: each reads where L1 is before
 * it starts and checks only what it changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  GnarkProver prover;
  SparseMerkleTree tree;
  DevChain chain;
  BridgeClient bridge;

  @BeforeAll
  void start(@TempDir Path keyDir) {
    prover = GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP);
    tree = newTree();
    chain = DevChain.start(Toolchain.fromEnvironment(), prover, tree.root().toBigInteger());
    bridge = chain.bridge();
  }

  static SparseMerkleTree newTree() {
    return new SparseMerkleTree(
        new InMemoryKeyValueStore(),
        new byte[] {'a'},
        StateUpdateWitness.DEPTH,
        NativePoseidon2.INSTANCE);
  }

  @AfterAll
  void stop() {
    chain.close();
    prover.close();
  }

  @Test
  void provenBatchesMoveTheL1RootAndBadOnesAreRejectedOnChain() {
    BatchPipeline pipeline = BatchPipeline.start(tree, prover, bridge);
    BigInteger start = bridge.stateRoot();
    BigInteger count = bridge.batchCount();

    BatchResult first = pipeline.apply(42, Fr.ofLong(1_000));
    assertThat(first.oldRoot().toBigInteger()).isEqualTo(start);
    assertThat(first.batchNumber()).isEqualTo(count.longValueExact() + 1);
    assertThat(bridge.stateRoot())
        .isEqualTo(tree.root().toBigInteger())
        .isEqualTo(first.newRoot().toBigInteger());
    assertThat(first.submitGas()).isBetween(150_000L, BridgeClient.SUBMIT_GAS_LIMIT.longValue());

    // The next update, proven correctly but then tampered with or posted on a wrong old root.
    StateUpdateWitness next = BatchPipeline.witnessOf(tree.update(43, Fr.ofLong(2_000)));
    Proof proof = prover.prove(next.toWitness());
    assertThat(prover.verify(proof, next.publicInputs())).isTrue();
    BigInteger old = next.oldRoot().toBigInteger();
    BigInteger updated = next.newRoot().toBigInteger();

    byte[] tampered = proof.solidity();
    tampered[100] ^= 0x01;
    assertThatThrownBy(() -> bridge.submitBatch(old, updated, tampered))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).isEqualTo("InvalidProof()"));

    assertThatThrownBy(() -> bridge.submitBatch(start, updated, proof.solidity()))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));

    // Neither rejection moved L1; the honest submission still goes through.
    assertThat(bridge.stateRoot()).isEqualTo(first.newRoot().toBigInteger());
    assertThat(bridge.batchCount()).isEqualTo(count.add(BigInteger.ONE));
    bridge.submitBatch(old, updated, proof.solidity());
    assertThat(bridge.stateRoot()).isEqualTo(tree.root().toBigInteger());
    assertThat(bridge.batchCount()).isEqualTo(count.add(BigInteger.TWO));
  }

  @Test
  void theBridgeVerifiesWithTheKeyHashTheNodeComputed() {
    assertThat(bridge.verifyingKeyHash()).isEqualTo(prover.keys().verifyingKeyHash());
  }

  /** Keys from another setup (a swapped or regenerated key set) never reach L1. */
  @Test
  void aNodeWhoseKeysTheBridgeDoesNotVerifyWithRefusesToPost(@TempDir Path otherKeys) {
    BigInteger l1Before = bridge.stateRoot();
    try (GnarkProver other =
        GnarkProver.open(StateUpdateWitness.LAYOUT, otherKeys, KeyPolicy.DEVELOPMENT_SETUP)) {
      assertThatThrownBy(() -> BatchPipeline.start(newTree(), other, bridge))
          .isInstanceOf(VerifierMismatchException.class)
          .hasMessageContaining("verifies with key " + prover.keys().verifyingKeyHash())
          .hasMessageContaining("this node proves with key " + other.keys().verifyingKeyHash())
          .hasMessageContaining("development keys");
    }
    assertThat(bridge.stateRoot()).isEqualTo(l1Before);
  }

  @Test
  void aBatchThatCannotBeProvenLeavesTreeAndL1Untouched() {
    // A node whose tree hashes differently from the circuit: every witness it builds is
    // unsatisfiable, and the prover, open and working, refuses it.
    SparseMerkleTree wrong =
        new SparseMerkleTree(
            new InMemoryKeyValueStore(),
            new byte[] {'w'},
            StateUpdateWitness.DEPTH,
            (left, right) -> NativePoseidon2.INSTANCE.compress(right, left));
    Fr before = wrong.root();
    BigInteger l1Before = bridge.stateRoot();
    BigInteger countBefore = bridge.batchCount();
    assertThatThrownBy(() -> BatchPipeline.start(wrong, prover, bridge).apply(7, Fr.ofLong(70)))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("prove " + StateUpdateWitness.CIRCUIT);
    assertThat(wrong.root()).isEqualTo(before);
    assertThat(wrong.leaf(7)).isEqualTo(Fr.ZERO);
    assertThat(bridge.stateRoot()).isEqualTo(l1Before);
    assertThat(bridge.batchCount()).isEqualTo(countBefore);
    // The prover was not broken by the refusal: the honest node still proves and posts.
    BatchPipeline.start(tree, prover, bridge).apply(8, Fr.ofLong(80));
    assertThat(bridge.stateRoot()).isEqualTo(tree.root().toBigInteger());
  }

  @Test
  void aBatchL1RejectsLeavesTheTreeAsItWas() {
    BatchPipeline.start(tree, prover, bridge).apply(9, Fr.ofLong(9));
    // A node whose tree still sits at genesis proves a valid update on a root L1 has left.
    SparseMerkleTree stale = newTree();
    Fr genesis = stale.root();
    assertThatThrownBy(() -> BatchPipeline.start(stale, prover, bridge).apply(5, Fr.ofLong(10)))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));
    assertThat(stale.root()).isEqualTo(genesis);
    assertThat(stale.leaf(5)).isEqualTo(Fr.ZERO);
  }

  @Test
  void aLostReceiptForABatchThatLandedStillCommitsTheTree() {
    UncheckedIOException lost = new UncheckedIOException(new IOException("connection reset"));
    LosingBridge flaky = new LosingBridge(bridge, true, lost, null);
    BigInteger count = bridge.batchCount();
    assertThatThrownBy(() -> BatchPipeline.start(tree, prover, flaky).apply(11, Fr.ofLong(11)))
        .isSameAs(lost);
    assertThat(bridge.batchCount()).isEqualTo(count.add(BigInteger.ONE));
    assertThat(tree.root().toBigInteger()).isEqualTo(bridge.stateRoot());
    assertThat(tree.leaf(11)).isEqualTo(Fr.ofLong(11));
  }

  @Test
  void aSubmissionThatNeverLandedLeavesTheTree() {
    UncheckedIOException refused = new UncheckedIOException(new IOException("connection refused"));
    LosingBridge flaky = new LosingBridge(bridge, false, refused, null);
    Fr before = tree.root();
    BigInteger l1Before = bridge.stateRoot();
    assertThatThrownBy(() -> BatchPipeline.start(tree, prover, flaky).apply(12, Fr.ofLong(12)))
        .isSameAs(refused);
    assertThat(tree.root()).isEqualTo(before).isEqualTo(Fr.of(l1Before));
    assertThat(tree.leaf(12)).isEqualTo(Fr.ZERO);
  }

  @Test
  void whenL1CannotBeReadEitherTheSubmissionsFailureIsWhatSurfaces() {
    UncheckedIOException refused = new UncheckedIOException(new IOException("connection refused"));
    IllegalStateException unreadable = new IllegalStateException("stateRoot() failed: timeout");
    LosingBridge down = new LosingBridge(bridge, false, refused, unreadable);
    Fr before = tree.root();
    assertThatThrownBy(() -> BatchPipeline.start(tree, prover, down).apply(13, Fr.ofLong(13)))
        .isSameAs(refused)
        .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(unreadable));
    assertThat(tree.root()).isEqualTo(before);
  }

  /**
   * The real bridge behind a connection that fails: submissions throw {@code failure} after (if
   * {@code lands}) or instead of reaching L1, and reads throw {@code readFailure} when it is set.
   */
  private record LosingBridge(
      RollupBridge l1, boolean lands, RuntimeException failure, RuntimeException readFailure)
      implements RollupBridge {
    @Override
    public SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
      if (lands) {
        l1.submitBatch(oldRoot, newRoot, proof);
      }
      throw failure;
    }

    @Override
    public BigInteger stateRoot() {
      if (readFailure != null) {
        throw readFailure;
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
}
