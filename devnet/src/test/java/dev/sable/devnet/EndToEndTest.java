package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeClient;
import dev.sable.node.pipeline.BatchPipeline;
import dev.sable.node.pipeline.BatchResult;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
import dev.sable.state.SparseMerkleTree;
import dev.sable.state.store.InMemoryKeyValueStore;
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
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  GnarkProver prover;
  SparseMerkleTree tree;
  DevChain chain;
  BridgeClient bridge;

  @BeforeAll
  void start(@TempDir Path keyDir) {
    prover = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir);
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
    BatchPipeline pipeline = new BatchPipeline(tree, prover, bridge);
    BigInteger genesis = bridge.stateRoot();

    BatchResult first = pipeline.apply(42, Fr.ofLong(1_000));
    assertThat(first.oldRoot().toBigInteger()).isEqualTo(genesis);
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

    assertThatThrownBy(() -> bridge.submitBatch(genesis, updated, proof.solidity()))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));

    // Neither rejection moved L1; the honest submission still goes through.
    assertThat(bridge.stateRoot()).isEqualTo(first.newRoot().toBigInteger());
    assertThat(bridge.batchCount()).isEqualTo(BigInteger.ONE);
    bridge.submitBatch(old, updated, proof.solidity());
    assertThat(bridge.stateRoot()).isEqualTo(tree.root().toBigInteger());
    assertThat(bridge.batchCount()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void aBatchThatCannotBeProvenLeavesTreeAndL1Untouched() {
    Fr before = tree.root();
    BigInteger l1Before = bridge.stateRoot();
    Path keyDir = Path.of(prover.keys().keyDir()).getParent();
    GnarkProver closed = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir);
    closed.close();
    assertThatThrownBy(() -> new BatchPipeline(tree, closed, bridge).apply(7, Fr.ofLong(70)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(tree.root()).isEqualTo(before);
    assertThat(tree.leaf(7)).isEqualTo(Fr.ZERO);
    assertThat(bridge.stateRoot()).isEqualTo(l1Before);
  }

  @Test
  void aBatchL1RejectsLeavesTheTreeAsItWas() {
    new BatchPipeline(tree, prover, bridge).apply(9, Fr.ofLong(9));
    // A node whose tree still sits at genesis proves a valid update on a root L1 has left.
    SparseMerkleTree stale = newTree();
    Fr genesis = stale.root();
    assertThatThrownBy(() -> new BatchPipeline(stale, prover, bridge).apply(5, Fr.ofLong(10)))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));
    assertThat(stale.root()).isEqualTo(genesis);
    assertThat(stale.leaf(5)).isEqualTo(Fr.ZERO);
  }
}
