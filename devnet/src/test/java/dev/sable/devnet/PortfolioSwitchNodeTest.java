package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.state.settlement.AccountLeafV2;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node at the {@code -s1-opt-pm} preset on its local L1: a trader switches to portfolio margin by
 * a signed request, the switch is proven in a batch the bridge accepts, and the account's leaf
 * rebuilt from L1's owner data alone (as an exit would) holds the portfolio mode, as the node's API
 * says.
 */
class PortfolioSwitchNodeTest {
  private static final long FUNDS = 50_000_000L;

  @TempDir Path dir;

  @Test
  void aSwitchToPortfolioIsProvenOnL1() throws Exception {
    NodeConfig config =
        LocalNodes.optionConfig(
            dir, "tiny_l2_q1_s1_opt_pm_owner", Capacities.TINY_L2_Q1_S1_OPT_PM_OWNER);
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader trader = LocalNodes.funded(node, client, 1, FUNDS);
      assertThat(trader.marginMode()).isEqualTo("cross");

      long sequence = trader.setMarginMode(true, 1_023).get(1, TimeUnit.MINUTES);
      LocalNodes.await("the switch applied", () -> trader.marginMode().equals("portfolio"));
      assertThat(
              LocalNodes.awaitOnL1(
                  "the switch in a batch verified on L1",
                  node,
                  r -> r.throughSequence() >= sequence))
          .extracting(BatchRecord::status)
          .isEqualTo("verified");
      assertThat(modeOnL1(node, trader.key().privateKey(), trader.account()))
          .isEqualTo(AccountLeafV2.MODE_PORTFOLIO);
    }
  }

  /** The account's mode in its leaf rebuilt from every accepted batch's owner data. */
  private static long modeOnL1(Node node, EdDsaPrivateKey owner, long account) {
    Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    try {
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(
              web3j, AnvilNode.devAccount(0), AnvilNode.CHAIN_ID, node.report().bridgeAddress());
      PublicDataLayout layout = bridge.layout();
      List<PublishedBatch> batches =
          L1BatchReader.readAll(
              bridge, layout, bridge.acceptedBatches(), new AnvilBlobs(node.report().rpcUrl()));
      RecoveredAccount recovered =
          AccountRecovery.recover(batches, owner, OptionalLong.of(account));
      return recovered.leaf().mode();
    } finally {
      web3j.shutdown();
    }
  }
}
