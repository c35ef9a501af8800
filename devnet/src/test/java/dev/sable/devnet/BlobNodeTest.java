package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A node at {@code tiny_l2_q1_owner_blob} on its local L1: it deploys a SettlementBlobBridge and
 * its pipeline posts each batch as a type-3 transaction carrying the batch's blob; a deposit's
 * batch is accepted (L1's root is the node's), with one blob's gas in the receipt and the bridge's
 * {@code OwnerDataBlob} event, and anvil serves the blob back by its versioned hash.
 */
class BlobNodeTest {
  @TempDir Path dir;

  @Test
  void aNodeAtTheBlobPresetPostsItsBatchesWithTheirBlobs() throws Exception {
    NodeConfig config =
        LocalNodes.config(dir, Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_owner_blob"));
    assertThat(config.pipeline().capacities().capacities())
        .isEqualTo(Capacities.TINY_L2_Q1_OWNER_BLOB);
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      LocalNodes.depositInAVerifiedBatch(node);

      Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
      try {
        SettlementBridgeClient bridge =
            SettlementBridgeClient.attach(
                web3j, AnvilNode.devAccount(1), AnvilNode.CHAIN_ID, node.report().bridgeAddress());
        List<SettlementEvents.AcceptedBatch> accepted = bridge.acceptedBatches();
        assertThat(accepted).isNotEmpty();
        for (SettlementEvents.AcceptedBatch b : accepted) {
          TransactionReceipt receipt =
              BlobBatchOnAnvilTest.receipt(web3j, b.at().transactionHash());
          assertThat(receipt.getType()).isEqualTo("0x3");
          assertThat(new BigInteger(receipt.getBlobGasUsed().substring(2), 16))
              .isEqualTo(BigInteger.valueOf(131_072));
          var events =
              receipt.getLogs().stream()
                  .filter(l -> l.getTopics().get(0).equals(BlobBatchOnAnvilTest.OWNER_DATA_BLOB))
                  .toList();
          assertThat(events).hasSize(1);
          byte[] vh = org.web3j.utils.Numeric.hexStringToByteArray(events.get(0).getData());
          assertThat(new AnvilBlobs(node.report().rpcUrl()).blob(vh)).hasSize(131_072);
        }
      } finally {
        web3j.shutdown();
      }
    }
  }
}
