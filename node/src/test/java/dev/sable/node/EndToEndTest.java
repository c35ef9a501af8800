package dev.sable.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeClient;
import dev.sable.l1.Toolchain;
import dev.sable.node.pipeline.AccountTree;
import dev.sable.node.pipeline.BatchPipeline;
import dev.sable.node.pipeline.BatchResult;
import dev.sable.node.pipeline.DevChain;
import dev.sable.node.pipeline.MerkleUpdate;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.NativePoseidon2;
import dev.sable.prover.Proof;
import dev.sable.prover.StateUpdateWitness;
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
  AccountTree tree;
  DevChain chain;
  BridgeClient bridge;

  @BeforeAll
  void start(@TempDir Path keyDir) {
    prover = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir);
    tree = new AccountTree(StateUpdateWitness.DEPTH, NativePoseidon2::compress);
    chain = DevChain.start(Toolchain.fromEnvironment(), prover, tree.root());
    bridge = chain.bridge();
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

    BatchResult first = pipeline.apply(42, BigInteger.valueOf(1_000));
    assertThat(first.oldRoot()).isEqualTo(genesis);
    assertThat(bridge.stateRoot()).isEqualTo(tree.root()).isEqualTo(first.newRoot());
    assertThat(first.submitGas()).isBetween(150_000L, BridgeClient.SUBMIT_GAS_LIMIT.longValue());

    // The next update, proven correctly but then tampered with or posted on a wrong old root.
    MerkleUpdate next = tree.set(43, BigInteger.valueOf(2_000));
    StateUpdateWitness witness = BatchPipeline.witnessOf(next);
    Proof proof = prover.prove(witness.toWitness());
    assertThat(prover.verify(proof, witness.publicInputs())).isTrue();

    byte[] tampered = proof.solidity();
    tampered[100] ^= 0x01;
    assertThatThrownBy(() -> bridge.submitBatch(next.oldRoot(), next.newRoot(), tampered))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).isEqualTo("InvalidProof()"));

    assertThatThrownBy(() -> bridge.submitBatch(genesis, next.newRoot(), proof.solidity()))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));

    // Neither rejection moved L1; the honest submission still goes through.
    assertThat(bridge.stateRoot()).isEqualTo(first.newRoot());
    assertThat(bridge.batchCount()).isEqualTo(BigInteger.ONE);
    bridge.submitBatch(next.oldRoot(), next.newRoot(), proof.solidity());
    assertThat(bridge.stateRoot()).isEqualTo(tree.root());
    assertThat(bridge.batchCount()).isEqualTo(BigInteger.TWO);
  }

  @Test
  void aBatchThatCannotBeProvenLeavesTreeAndL1Untouched() {
    BatchPipeline pipeline = new BatchPipeline(tree, prover, bridge);
    BigInteger before = tree.root();
    BigInteger l1Before = bridge.stateRoot();
    // Not a field element: the witness cannot even be encoded, so nothing is proven or posted.
    assertThatThrownBy(() -> pipeline.apply(7, dev.sable.prover.FieldElement.MODULUS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tree.root()).isEqualTo(before);
    assertThat(tree.leaf(7)).isZero();
    assertThat(bridge.stateRoot()).isEqualTo(l1Before);
  }

  @Test
  void aBatchL1RejectsIsRolledBackFromTheTree() {
    new BatchPipeline(tree, prover, bridge).apply(9, BigInteger.valueOf(9));
    // A node whose tree still sits at genesis proves a valid update on a root L1 has left.
    AccountTree stale = new AccountTree(StateUpdateWitness.DEPTH, NativePoseidon2::compress);
    BigInteger genesis = stale.root();
    assertThatThrownBy(() -> new BatchPipeline(stale, prover, bridge).apply(5, BigInteger.TEN))
        .isInstanceOfSatisfying(
            BatchRejectedException.class, e -> assertThat(e.reason()).startsWith("WrongOldRoot("));
    assertThat(stale.root()).isEqualTo(genesis);
    assertThat(stale.leaf(5)).isZero();
  }
}
