package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeClient;
import dev.sable.l1.RollupBridge;
import dev.sable.node.intake.AccountKeys;
import dev.sable.node.pipeline.AccountLeafBuilder;
import dev.sable.node.pipeline.BatchProver;
import dev.sable.node.pipeline.L1Pipeline;
import dev.sable.node.pipeline.ProvenBatch;
import dev.sable.node.pipeline.SealedBatch;
import dev.sable.node.pipeline.VerifierMismatchException;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.NativeException;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.state.LeafWrite;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
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

  /**
   * Checks the bridge's verifier, proves one leaf change, posts it and commits it once L1 holds the
   * new root.
   */
  static ProvenBatch post(
      SparseMerkleTree tree, GnarkProver prover, RollupBridge bridge, long index, Fr leaf) {
    L1Pipeline.checkVerifier(prover.keys(), bridge);
    BatchProver batches =
        new BatchProver(
            tree, prover, new AccountLeafBuilder(new AccountKeys(), NativePoseidon2.INSTANCE));
    ProvenBatch proven =
        batches.prove(new SealedBatch(List.of(new LeafWrite(index, leaf)), 0, index));
    bridge.submitBatch(
        proven.oldRoot().toBigInteger(), proven.newRoot().toBigInteger(), proven.proof());
    batches.commit(proven);
    return proven;
  }

  @AfterAll
  void stop() {
    chain.close();
    prover.close();
  }

  @Test
  void provenBatchesMoveTheL1RootAndBadOnesAreRejectedOnChain() {
    BigInteger start = bridge.stateRoot();
    BigInteger count = bridge.batchCount();

    ProvenBatch first = post(tree, prover, bridge, 42, Fr.ofLong(1_000));
    assertThat(first.oldRoot().toBigInteger()).isEqualTo(start);
    assertThat(bridge.batchCount()).isEqualTo(count.add(BigInteger.ONE));
    assertThat(bridge.stateRoot())
        .isEqualTo(tree.root().toBigInteger())
        .isEqualTo(first.newRoot().toBigInteger());

    // The next update, proven correctly but then tampered with or posted on a wrong old root.
    StateUpdateWitness next = AccountLeafBuilder.witnessOf(tree.update(43, Fr.ofLong(2_000)));
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
      assertThatThrownBy(() -> L1Pipeline.checkVerifier(other.keys(), bridge))
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
    assertThatThrownBy(() -> post(wrong, prover, bridge, 7, Fr.ofLong(70)))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("prove " + StateUpdateWitness.CIRCUIT);
    assertThat(wrong.root()).isEqualTo(before);
    assertThat(wrong.leaf(7)).isEqualTo(Fr.ZERO);
    assertThat(bridge.stateRoot()).isEqualTo(l1Before);
    assertThat(bridge.batchCount()).isEqualTo(countBefore);
    // The prover was not broken by the refusal: the honest node still proves and posts.
    post(tree, prover, bridge, 8, Fr.ofLong(80));
    assertThat(bridge.stateRoot()).isEqualTo(tree.root().toBigInteger());
  }

  @Test
  void aBatchL1RejectsLeavesTheTreeAsItWas() {
    post(tree, prover, bridge, 9, Fr.ofLong(9));
    // A node whose tree still sits at genesis proves a valid update on a root L1 has left.
    SparseMerkleTree stale = newTree();
    Fr genesis = stale.root();
    assertThatThrownBy(() -> post(stale, prover, bridge, 5, Fr.ofLong(10)))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));
    assertThat(stale.root()).isEqualTo(genesis);
    assertThat(stale.leaf(5)).isEqualTo(Fr.ZERO);
  }
}
