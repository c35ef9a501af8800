package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.l1.BridgeRevertedException;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.l1.CircuitLayout;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A node at its default circuit (the demo's, tiny_l2_q1_owner: one request slot) on anvil serves a
 * forced withdrawal request registered on its bridge: the watcher reads it, the batcher serves it,
 * the prover proves the batch with real keys, the bridge accepts it and credits the recipient, who
 * claims; the request can no longer freeze the bridge, also after its deadline. The same at the
 * 8-market-row preset with three listed markets runs only with {@code SABLE_SLOW_TESTS=1}: its keys
 * (263,061 constraints) are set up on first use, which CI does not pay.
 */
class ForcedRequestOnAnvilTest {
  static final long DEPOSIT = 10_000;
  static final long FORCED = 4_000;

  @TempDir Path dir;

  @Test
  void aForcedRequestOnL1IsServedByAProvenBatchAndItsRecipientClaims() throws Exception {
    try (Node node = LocalNodes.start(dir)) {
      servesARequest(node, Capacities.TINY_L2_Q1_OWNER, 1);
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "SABLE_SLOW_TESTS", matches = "1")
  void threeListedMarketsAtTheEightRowPresetServeAForcedRequest() throws Exception {
    Path markets = marketsFile("ETH-PERP", "BTC-PERP", "SOL-PERP");
    NodeConfig config =
        LocalNodes.config(markets, dir, Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_m8_l2_q1_owner"));
    try (Node node = LocalNodes.start(config, dir, line -> {})) {
      servesARequest(node, Capacities.TINY_M8_L2_Q1_OWNER, 3);
    }
  }

  private void servesARequest(Node node, Capacities capacities, int markets) throws Exception {
    SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
    Trader alice = LocalNodes.funded(node, client, 1, DEPOSIT);

    Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    try {
      Credentials recipient = AnvilNode.devAccount(4);
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(
              web3j, AnvilNode.devAccount(5), AnvilNode.CHAIN_ID, node.report().bridgeAddress());
      assertThat(bridge.layout())
          .as("the bridge verifies the node's circuit, with a request slot")
          .isEqualTo(CircuitLayout.of(capacities));
      assertThat(bridge.genesisMarkets()).isEqualTo(markets);
      long account = alice.account();
      WithdrawalMessage m =
          new WithdrawalMessage(
              account, FORCED, Fr.of(new BigInteger(recipient.getAddress().substring(2), 16)), 0);
      EdDsaSignature s =
          alice
              .key()
              .privateKey()
              .sign(
                  m.forcedHash(
                      new Deployment(
                          AnvilNode.CHAIN_ID,
                          Fr.of(new BigInteger(bridge.address().substring(2), 16)))));
      long served = bridge.requestsServed();
      // anyone may register the owner's signed request: here anvil's dev account 5
      long index =
          bridge.forceWithdrawal(
              account,
              0,
              BigInteger.valueOf(FORCED),
              recipient.getAddress(),
              s.rx().toBigInteger(),
              s.ry().toBigInteger(),
              s.s());
      assertThat(index).isEqualTo(served);

      LocalNodes.await("the request served", () -> bridge.requestsServed() == index + 1);
      assertThat(bridge.claimable(recipient.getAddress())).isEqualTo(BigInteger.valueOf(FORCED));
      LocalNodes.await("the node debited alice", () -> LocalNodes.holds(alice, DEPOSIT - FORCED));
      TestCollateral token =
          TestCollateral.attach(web3j, recipient, AnvilNode.CHAIN_ID, bridge.token());
      BigInteger before = token.balanceOf(recipient.getAddress());
      bridge.as(recipient).claim(recipient.getAddress());
      assertThat(token.balanceOf(recipient.getAddress()))
          .isEqualTo(before.add(BigInteger.valueOf(FORCED)));

      // served before its deadline: past it, the request gives nobody a reason to freeze
      AnvilRpc.call(node.report().rpcUrl(), "evm_increaseTime", bridge.exitDeadline() + 1);
      AnvilRpc.call(node.report().rpcUrl(), "evm_mine");
      assertThatThrownBy(bridge::freeze)
          .isInstanceOfSatisfying(
              BridgeRevertedException.class,
              e -> assertThat(e.reason()).startsWith("NoPendingRequest("));
      assertThat(bridge.frozen()).isFalse();
    } finally {
      web3j.shutdown();
    }
  }

  /** A configuration file listing perpetuals of the default market's parameters. */
  private Path marketsFile(String... symbols) throws IOException {
    StringBuilder yaml = new StringBuilder("markets:\n");
    for (String symbol : symbols) {
      yaml.append(
          """
            - spec:
                symbol: %s
                tickSize: 1
                lotSize: 1
                initialMarginPpm: 100000
                maintenanceMarginPpm: 50000
                makerFeePpm: 0
                takerFeePpm: 500
                maxPosition: 1000000
                maxPrice: 10000000
                oracleSources: 1
                oracleStaleness: 60000
                fundingInterval: 3600000
                fundingClampPpm: 2000
                impactQuantity: 100
              devOraclePrice: 3000
          """
              .formatted(symbol));
    }
    return Files.writeString(dir.resolve("markets.yaml"), yaml.toString());
  }
}
