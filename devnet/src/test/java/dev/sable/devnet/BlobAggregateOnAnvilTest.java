package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.l1.AggregateBatch;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.Governance;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SubmitReceipt;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * An aggregate of two {@code -owner-blob} batches posted by {@link
 * SettlementBridgeClient#submitAggregate} as ONE type-3 transaction calling {@code
 * submitBlobBatches} and carrying both batches' blobs, to a SettlementBlobBridge on anvil whose
 * aggregate verifier (k = 2, installed through the timelock) is the accepting test verifier: no
 * real aggregate over {@code -blob} inner proofs exists here, so the proof is not what this shows;
 * the sender is. The bridge opens each segment's blob at its own index with its own opening (the
 * point-evaluation precompile) and checks each segment's header in order. Refused on L1: segment
 * 2's blob carried with segment 1's opening proof (which the client cannot see: the versioned
 * hashes match). Then batch 3 follows alone, and each trader rebuilds its leaf from L1 as an exit
 * does, segments 1 and 2 read from the aggregate's one transaction.
 */
class BlobAggregateOnAnvilTest {
  static final Capacities CAPS = Capacities.TINY_OWNER_BLOB;
  static final BigInteger C = BigInteger.valueOf(123_456_789);

  @Test
  void anAggregateOfBlobBatchesIsOneType3TransactionReadBackPerSegment() throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (DevChain chain = SampleSettlement.acceptingBlobChain(tools, CAPS)) {
      SampleSettlement sample = SampleSettlement.on(chain, 3, CAPS);
      SettlementBridgeClient bridge = chain.bridge();
      List<BuiltBatch> built = sample.built;
      SettlementBatch b1 = SampleSettlement.forBlobBridge(built.get(0), new byte[256]);
      SettlementBatch b2 = SampleSettlement.forBlobBridge(built.get(1), new byte[256]);
      AggregateBatch both = AggregateBatch.of(List.of(b1, b2), C, new byte[384]);

      installAcceptingAggregateVerifier(chain, bridge);
      assertThat(bridge.aggregateSegments()).isEqualTo(2);

      // Segment 2's blob with segment 1's opening proof: the client's checks pass, L1's do not.
      BatchBlob blob2 = b2.blobs().getFirst();
      BatchBlob wrongOpening =
          new BatchBlob(
              blob2.blob(),
              blob2.commitment(),
              b1.blobs().getFirst().openingProof(),
              blob2.cellProofs());
      AggregateBatch forged =
          new AggregateBatch(
              both.segments(), C, new byte[384], List.of(b1.blobs().getFirst(), wrongOpening));
      assertThat(bridge.simulate(forged))
          .hasValueSatisfying(r -> assertThat(r).startsWith("BlobOpeningRefused("));
      assertThatThrownBy(() -> bridge.submitAggregate(forged))
          .isInstanceOf(BatchRejectedException.class)
          .hasMessageContaining("BlobOpeningRefused(");
      assertThat(bridge.batchCount()).isZero();

      assertThat(bridge.simulate(both)).isEmpty();
      SubmitReceipt r = bridge.submitAggregate(both);
      assertThat(r.blobGasUsed()).isEqualTo(2 * 131_072L);
      assertThat(bridge.batchCount()).isEqualTo(2);
      assertThat(bridge.stateRoot()).isEqualTo(built.get(1).witness().newRoot().toBigInteger());
      System.out.printf(
          "submitBlobBatches of 2 Tiny blob batches (accepting verifier): gasUsed %d, blobGasUsed"
              + " %d%n",
          r.gasUsed(), r.blobGasUsed());

      SubmitReceipt third =
          bridge.submitBatch(SampleSettlement.forBlobBridge(built.get(2), new byte[256]));
      assertThat(bridge.batchCount()).isEqualTo(3);

      List<SettlementEvents.AcceptedBatch> accepted = bridge.acceptedBatches();
      assertThat(accepted)
          .extracting(b -> b.at().transactionHash())
          .containsExactly(r.transactionHash(), r.transactionHash(), third.transactionHash());
      for (int i = 0; i < 2; i++) {
        SettlementBatch sent = i == 0 ? b1 : b2;
        var tx = bridge.transaction(accepted.get(i));
        assertThat(tx.segments()).isEqualTo(2);
        assertThat(tx.batch(accepted.get(i)).publicData()).isEqualTo(sent.publicData());
        assertThat(tx.ownerDataBlobs(accepted.get(i), 1))
            .containsExactly(
                "0x" + java.util.HexFormat.of().formatHex(sent.blobs().getFirst().versionedHash()));
      }
      SampleBlobBatchesExitOnAnvilTest.eachTraderRebuildsItsLeaf(chain, sample, CAPS);
    }
  }

  /** Governance (the dev account, the timelock's member) installs the accepting verifier, k = 2. */
  private static void installAcceptingAggregateVerifier(
      DevChain chain, SettlementBridgeClient bridge) throws Exception {
    String verifier =
        SettlementBridgeClient.deployVerifier(
            chain.web3j(),
            chain.anvil().devAccount(),
            AnvilNode.CHAIN_ID,
            SettlementBridgeOnAnvilTest.creationCode(
                Toolchain.fromEnvironment().root(), "SyntheticBatches", "AcceptingVerifier"));
    installAggregateVerifier(chain, bridge, verifier, 2);
  }

  /**
   * Governance (the dev account, the timelock's member) installs {@code verifier} as the aggregate
   * verifier for k batches, after the timelock's delay.
   */
  static void installAggregateVerifier(
      DevChain chain, SettlementBridgeClient bridge, String verifier, int k) throws Exception {
    String install =
        FunctionEncoder.encode(
            new Function(
                "setAggregateVerifier", List.of(new Address(verifier), new Uint256(k)), List.of()));
    String timelock = bridge.governance();
    var governor =
        new AggregateReadBackOnAnvilTest.Transactor(chain.web3j(), chain.anvil().devAccount());
    assertThat(
            governor
                .send(
                    timelock,
                    AggregateReadBackOnAnvilTest.timelockCall(
                        "schedule", bridge.address(), install, true))
                .isStatusOK())
        .isTrue();
    AnvilRpc.call(chain.rpcUrl(), "evm_increaseTime", Governance.MIN_UPGRADE_DELAY.toSeconds() + 1);
    AnvilRpc.call(chain.rpcUrl(), "evm_mine");
    assertThat(
            governor
                .send(
                    timelock,
                    AggregateReadBackOnAnvilTest.timelockCall(
                        "execute", bridge.address(), install, false))
                .isStatusOK())
        .isTrue();
  }
}
