package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.l1.AggregateBatch;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.prover.AggregateProof;
import dev.sable.prover.AggregateProver;
import dev.sable.prover.AggregateSegment;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import dev.sable.prover.ProofTarget;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The node's whole aggregate path with real proofs, from Java: the sample's TinyOwnerBlob batch 1
 * proven for an aggregate ({@link ProofTarget#AGGREGATE}), the k = 1 aggregate over the prover's
 * key opened through the native library ({@link AggregateProver}, its development keys in the
 * worktree's test key store) and proven, its exported verifier installed on a SettlementBlobBridge
 * on anvil by governance, and the aggregate posted by {@link
 * SettlementBridgeClient#submitAggregate} as a type-3 {@code submitBlobBatches}: accepted, the root
 * moved. Refused first: batch 1 proven for the bridge given as the aggregate's inner proof (by the
 * library, before proving), and the aggregate's proof with the batch's market row one bit off (by
 * L1's real verifier: InvalidProof). Only with SABLE_AGG_PROVE=1: the aggregate's first setup is
 * ~20-30 minutes and ~4-5 GB.
 */
@EnabledIfEnvironmentVariable(named = "SABLE_AGG_PROVE", matches = "1")
class RealBlobAggregateOnAnvilTest {
  static final Capacities CAPS = Capacities.TINY_OWNER_BLOB;

  @Test
  void aRealAggregateOfABlobBatchIsProvenInJavaAndAcceptedBySubmitBlobBatches() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (GnarkProver prover = BlobBatchOnAnvilTest.prover();
        AggregateProver aggregate =
            AggregateProver.open(
                "agg1-" + prover.keys().circuit(),
                prover,
                SampleSettlement.testKeys(),
                KeyPolicy.DEVELOPMENT_SETUP);
        DevChain chain = BlobBatchOnAnvilTest.chain(tools, prover, AnvilNode.start(tools))) {
      System.out.printf(
          "%s: %d constraints, reused %s, compile %d ms, keys %d ms%n",
          aggregate.keys().circuit(),
          aggregate.keys().constraints(),
          aggregate.keys().reused(),
          aggregate.keys().compileMs(),
          aggregate.keys().keyMs());
      SampleSettlement sample = SampleSettlement.on(chain, 2, CAPS);
      BuiltBatch built = sample.built.getFirst();
      List<Fr> d = built.witness().publicData();
      Proof inner = prover.prove(built.gnarkWitness(), ProofTarget.AGGREGATE);
      Proof forBridge = prover.prove(built.gnarkWitness(), ProofTarget.BRIDGE);
      assertThat(
              prover.verify(inner, built.witness().publicInputs().asList(), ProofTarget.AGGREGATE))
          .isTrue();

      assertThatThrownBy(() -> aggregate.prove(List.of(new AggregateSegment(d, forBridge))))
          .hasMessageContaining("segment 1's proof does not verify");
      AggregateProof proven = aggregate.prove(List.of(new AggregateSegment(d, inner)));
      System.out.printf("aggregate proved in %d ms%n", proven.proof().proveMillis());
      assertThat(proven.proof().solidity()).hasSize(384);

      SettlementBridgeClient bridge = chain.bridge();
      String verifier =
          SettlementBridgeClient.deployVerifier(
              chain.web3j(),
              chain.anvil().devAccount(),
              AnvilNode.CHAIN_ID,
              new SolidityCompiler(tools)
                  .creationBytecode("Verifier.sol", aggregate.solidityVerifier(), "Verifier"));
      BlobAggregateOnAnvilTest.installAggregateVerifier(chain, bridge, verifier, 1);
      assertThat(bridge.aggregateSegments()).isEqualTo(1);

      SettlementBatch batch = SampleSettlement.forBlobBridge(built, proven.proof().solidity());
      AggregateBatch posted =
          AggregateBatch.of(List.of(batch), proven.commitment(), proven.proof().solidity());
      // One bit off in the batch's market row: another D, the real verifier refuses.
      List<BigInteger> changed = new java.util.ArrayList<>(batch.publicData());
      int market = CircuitLayout.of(CAPS).marketsAt();
      changed.set(market, changed.get(market).flipBit(0));
      AggregateBatch forged =
          new AggregateBatch(
              List.of(changed), proven.commitment(), proven.proof().solidity(), batch.blobs());
      assertThatThrownBy(() -> bridge.submitAggregate(forged))
          .isInstanceOf(BatchRejectedException.class)
          .hasMessageContaining("InvalidProof()");
      assertThat(bridge.batchCount()).isZero();

      SubmitReceipt r = bridge.submitAggregate(posted);
      assertThat(bridge.batchCount()).isEqualTo(1);
      assertThat(bridge.stateRoot()).isEqualTo(built.witness().newRoot().toBigInteger());
      System.out.printf(
          "submitBlobBatches, real k = 1 aggregate of a TinyOwnerBlob batch: gasUsed %d, blobGasUsed"
              + " %d%n",
          r.gasUsed(), r.blobGasUsed());
    }
  }
}
