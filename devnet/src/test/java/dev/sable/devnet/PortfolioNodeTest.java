package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node at the {@code -pm} preset on its local L1: its bridge's layout carries the risk
 * commitment, and batches with deposits and an option fill are proven by the {@code -pm} circuit
 * (real Groth16 proofs), accepted by the bridge, and leave the node's root equal to L1's; each
 * accepted batch publishes the risk commitment its calldata ends with, and {@code sable verify}'s
 * check recomputes every batch's risk arrays from the bridge's events (marks, volatilities and
 * ranges) to that commitment, with no finding.
 */
class PortfolioNodeTest {
  private static final long FUNDS = 50_000_000L;
  private static final long CALLS = 20;

  @TempDir Path dir;

  @Test
  void portfolioBatchesAreProvenAndAcceptedOnL1() throws Exception {
    NodeConfig config =
        LocalNodes.optionConfig(dir, "tiny_l2_q1_opt_pm_owner", Capacities.TINY_L2_Q1_OPT_PM_OWNER);
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      assertThat(node.report().keys().circuit())
          .isEqualTo(Capacities.TINY_L2_Q1_OPT_PM_OWNER.circuitName())
          .endsWith("-opt-pm-owner");
      CallTrade.place(node, FUNDS, CALLS);

      LocalNodes.awaitOnL1(
          "the option trade in a -pm batch accepted on L1",
          node,
          r -> r.summary().optionTrades() == 1);
      List<BatchRecord> verified = LocalNodeRestartTest.verified(node);
      assertThat(verified).allSatisfy(r -> assertThat(r.gasUsed()).isPositive());
      assertRiskCommitmentsPublished(node, verified.size());
      assertRiskArraysRecomputedFromL1(node, config);
    }
  }

  /** {@code sable verify}'s check of every accepted batch: its arrays recomputed, no finding. */
  private static void assertRiskArraysRecomputedFromL1(Node node, NodeConfig config) {
    assertThat(LocalNodes.verifiedFromL1(node, config))
        .as("every batch's risk rows recomputed")
        .allSatisfy(v -> assertThat(v.riskRows()).isPositive());
  }

  /**
   * The bridge takes the {@code -pm} layout, and each of the first {@code batches} accepted batches
   * emitted the risk commitment its {@code submitBatch} calldata ends with.
   */
  private static void assertRiskCommitmentsPublished(Node node, int batches) {
    Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    try {
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(
              web3j, AnvilNode.devAccount(0), AnvilNode.CHAIN_ID, node.report().bridgeAddress());
      PublicDataLayout layout = bridge.layout();
      assertThat(layout.riskCommitment()).isTrue();
      assertThat(layout.length()).isEqualTo(Capacities.TINY_L2_Q1_OPT_PM_OWNER.publicDataLength());
      SettlementEvents events = bridge.events();
      long head = events.head();
      List<SettlementEvents.AcceptedBatch> accepted = events.batches(0, head);
      List<SettlementEvents.RiskCommitment> commitments = events.riskCommitments(0, head);
      assertThat(accepted.size()).isGreaterThanOrEqualTo(batches);
      assertThat(commitments).hasSameSizeAs(accepted);
      for (int i = 0; i < accepted.size(); i++) {
        SettlementEvents.AcceptedBatch batch = accepted.get(i);
        List<BigInteger> data = bridge.publicData(batch);
        assertThat(data).hasSize(layout.length());
        assertThat(commitments.get(i).batchNumber()).isEqualTo(batch.batchNumber());
        assertThat(commitments.get(i).commitment())
            .isEqualTo(data.get(layout.riskCommitmentAt()))
            .isNotEqualTo(BigInteger.ZERO);
      }
    } finally {
      web3j.shutdown();
    }
  }
}
