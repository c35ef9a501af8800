package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node at capacities with the owner-data section on its local L1: its bridge has the section's
 * account rows, the node creates its owner-data secret with its settlement state and posts a batch
 * (with the section, proven with the {@code -owner} circuit's keys) that the bridge's verifier
 * accepts; once the state exists, a data directory that lost the secret does not start.
 */
class OwnerDataNodeTest {
  @TempDir Path dir;

  @Test
  void postsBatchesWithTheOwnerDataSectionAndKeepsItsSecret() throws Exception {
    NodeConfig config = LocalNodes.config(dir, Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_owner"));
    Path secret = dir.resolve("owner-data.key");
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
      try {
        SettlementBridgeClient bridge =
            SettlementBridgeClient.attach(
                web3j, AnvilNode.devAccount(1), AnvilNode.CHAIN_ID, node.report().bridgeAddress());
        assertThat(bridge.layout().accountRows()).isEqualTo(Capacities.TINY_OWNER.accounts());
        assertThat(bridge.layout().length()).isEqualTo(Capacities.TINY_OWNER.publicDataLength());
      } finally {
        web3j.shutdown();
      }
      assertThat(Files.readString(secret).strip()).matches("[0-9a-f]{64}");

      LocalNodes.depositInAVerifiedBatch(node);
    }

    Files.delete(secret);
    assertThatThrownBy(() -> LocalNodes.start(config, dir, line -> {}).close())
        .hasStackTraceContaining("is missing while the settlement state already exists");
    assertThat(secret).doesNotExist();
  }
}
