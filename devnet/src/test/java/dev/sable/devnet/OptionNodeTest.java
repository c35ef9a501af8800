package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sable.batch.Capacities;
import dev.sable.batch.verify.BatchVerification;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.Trader;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node at the {@code -opt} preset on its local L1 lists a call on its perpetual at genesis (in
 * the sequencer and in the settlement state), a writer sells calls to a buyer at the call's mark,
 * the premium moves at the fill, and the batch with that fill, committing the sequencer's option
 * mark, is proven and verified on L1, and {@code sable verify}'s check recomputes that mark from
 * the bridge's events alone. A margin mode switch is refused at the API of such a node (its circuit
 * has no switch slots: {@code NO_SWITCH_SLOTS}), and the account stays in cross margin.
 */
class OptionNodeTest {
  private static final long FUNDS = 50_000_000L;
  private static final long CALLS = 20;

  @TempDir Path dir;

  @Test
  void anOptionTradeIsProvenAndVerifiedOnL1() throws Exception {
    NodeConfig config =
        LocalNodes.optionConfig(dir, "tiny_l2_q1_opt_owner", Capacities.TINY_L2_Q1_OPT_OWNER);
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      CallTrade trade = CallTrade.place(node, FUNDS, CALLS);
      Trader writer = trade.writer();
      Trader buyer = trade.buyer();
      JsonNode call = trade.client().get("/v1/markets", null).get(1);
      assertThat(call.path("option").path("strike").asLong()).isEqualTo(3000);
      long mark = trade.mark();
      assertThat(mark).as("an at-the-money call's mark").isBetween(100L, 3000L);
      long premium = mark * CALLS;
      LocalNodes.await(
          "the premium paid at the fill", () -> LocalNodes.holds(buyer, FUNDS - premium));
      assertThat(writer.read("").path("collateral").asLong()).isEqualTo(FUNDS + premium);

      BatchRecord proven =
          LocalNodes.awaitOnL1(
              "the option trade in a batch verified on L1",
              node,
              r -> r.summary().optionTrades() == 1);
      assertThat(proven.summary().trades()).isEqualTo(1);
      assertThat(proven.summary().optionMarks())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.market()).isEqualTo(1);
                assertThat(m.valid()).isTrue();
                assertThat(m.volPpm()).isEqualTo(500_000);
                assertThat(m.mark()).as("the mark at the batch time").isPositive();
              });
      assertThat(proven.gasUsed()).as("verified on L1").isPositive();
      assertOptionMarksRecomputeFromL1(node, config);
      assertThat(node.report().keys().circuit())
          .isEqualTo(Capacities.TINY_L2_Q1_OPT_OWNER.circuitName());

      assertThatThrownBy(() -> buyer.setMarginMode(true, 99).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(SableApiException.class)
          .hasMessageContaining(
              "NO_SWITCH_SLOTS: this node's L1 batches have no margin-mode switch");
      assertThat(buyer.marginMode()).isEqualTo("cross");
    }
  }

  /**
   * {@code sable verify}'s check from the bridge's events: every accepted batch's option marks are
   * the model's at its published underlying mark, volatility and time.
   */
  private static void assertOptionMarksRecomputeFromL1(Node node, NodeConfig config) {
    assertThat(
            LocalNodes.verifiedFromL1(node, config).stream()
                .mapToInt(BatchVerification::optionMarks)
                .sum())
        .as("option marks recomputed")
        .isPositive();
  }
}
