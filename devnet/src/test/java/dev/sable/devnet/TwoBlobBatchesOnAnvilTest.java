package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SubmitReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Batches whose owner rows fill two blobs (TINY_OWNER_BLOB with two blobs, one row each: Java's
 * ledger builds them, the native library opens each blob at its z from the commitment to all rows)
 * posted as type-3 transactions carrying both blobs to a two-blob SettlementBlobBridge on anvil,
 * beside the same batches at one blob on a one-blob bridge: the receipts give what a further blob
 * costs a batch on L1, receipt-exact. Each trader then rebuilds its leaf and path from the two-blob
 * batches as an exit reads L1 (calldata, events, both blobs from anvil). The settlement verifier is
 * the accepting test verifier (the proofs of the two-blob circuit are checked in Foundry,
 * SettlementBlob2.t.sol); the openings are checked by the point-evaluation precompile.
 */
class TwoBlobBatchesOnAnvilTest {
  static final Capacities ONE = Capacities.TINY_OWNER_BLOB;
  static final Capacities TWO = ONE.toBuilder().blobs(2).build();

  @Test
  void twoBlobBatchesAreAcceptedWithBothBlobsReadBackAndRefusedWithThemSwapped() throws Exception {
    long[] one = chainGas(ONE, false);
    long[] two = chainGas(TWO, true);
    long meanOne = (one[0] + one[1] + one[2]) / 3;
    long meanTwo = (two[0] + two[1] + two[2]) / 3;
    System.out.printf(
        "receipt gasUsed, batches 1-3: one blob %d %d %d (mean %d), two blobs %d %d %d (mean %d);"
            + " a further blob %d%n",
        one[0], one[1], one[2], meanOne, two[0], two[1], two[2], meanTwo, meanTwo - meanOne);
    assertThat(meanTwo - meanOne).as("a further blob's gas").isBetween(50_000L, 70_000L);
  }

  /**
   * Posts the sample's three batches at {@code caps}; returns each receipt's gas. With {@code
   * twoBlobChecks}, also the swapped-blobs attack and the traders' exit reads.
   */
  private static long[] chainGas(Capacities caps, boolean twoBlobChecks) throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    try (DevChain chain = SampleSettlement.acceptingBlobChain(tools, caps)) {
      SampleSettlement sample = SampleSettlement.on(chain, 3, caps);
      SettlementBridgeClient bridge = chain.bridge();
      long[] gas = new long[3];
      for (int n = 1; n <= 3; n++) {
        BuiltBatch built = sample.built.get(n - 1);
        SettlementBatch batch = SampleSettlement.forBlobBridge(built, new byte[256]);
        assertThat(batch.blobs()).hasSize(caps.blobs());
        if (twoBlobChecks && n == 2) {
          refusedWithTheBlobsSwapped(bridge, batch);
        }
        SubmitReceipt r = bridge.submitBatch(batch);
        assertThat(bridge.batchCount()).isEqualTo(n);
        assertThat(bridge.stateRoot()).isEqualTo(built.witness().newRoot().toBigInteger());
        assertThat(r.blobGasUsed()).isEqualTo(131_072L * caps.blobs());
        carriedAndLogged(chain, r, batch, n);
        gas[n - 1] = r.gasUsed();
      }
      if (twoBlobChecks) {
        SampleBlobBatchesExitOnAnvilTest.eachTraderRebuildsItsLeaf(chain, sample, caps);
      }
      return gas;
    }
  }

  /**
   * The batch's two blobs carried in swapped order, the openings in the batch's: the simulation
   * names the refused opening, the mined transaction reverts, L1 is unchanged.
   */
  private static void refusedWithTheBlobsSwapped(
      SettlementBridgeClient bridge, SettlementBatch batch) {
    List<BatchBlob> swapped = new ArrayList<>(batch.blobs()).reversed();
    SettlementBatch forged =
        new SettlementBatch(batch.publicData(), batch.commitment(), batch.proof(), swapped);
    long count = bridge.batchCount();
    BigInteger root = bridge.stateRoot();
    assertThat(bridge.simulate(forged))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("BlobOpeningRefused("));
    assertThatThrownBy(() -> bridge.submitBatch(forged))
        .isInstanceOf(BatchRejectedException.class)
        .hasMessageContaining("BlobOpeningRefused(");
    assertThat(bridge.batchCount()).isEqualTo(count);
    assertThat(bridge.stateRoot()).isEqualTo(root);
  }

  /**
   * The receipt is type 3, logs one OwnerDataBlob per blob in blob order, and anvil serves each
   * blob by its versioned hash.
   */
  private static void carriedAndLogged(
      DevChain chain, SubmitReceipt r, SettlementBatch batch, long number) throws Exception {
    TransactionReceipt receipt = BlobBatchOnAnvilTest.receipt(chain.web3j(), r.transactionHash());
    assertThat(receipt.getType()).isEqualTo("0x3");
    List<Log> events =
        receipt.getLogs().stream()
            .filter(l -> l.getTopics().get(0).equals(BlobBatchOnAnvilTest.OWNER_DATA_BLOB))
            .toList();
    assertThat(events).hasSameSizeAs(batch.blobs());
    AnvilBlobs served = new AnvilBlobs(chain.rpcUrl());
    for (int j = 0; j < events.size(); j++) {
      BatchBlob blob = batch.blobs().get(j);
      assertThat(new BigInteger(events.get(j).getTopics().get(1).substring(2), 16))
          .isEqualTo(BigInteger.valueOf(number));
      assertThat(events.get(j).getData())
          .isEqualTo("0x" + HexFormat.of().formatHex(blob.versionedHash()));
      assertThat(served.blob(blob.versionedHash())).isEqualTo(blob.blob());
    }
  }
}
