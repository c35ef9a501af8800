package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.OrderMessage;
import dev.sable.devnet.demo.EscapeScenario;
import dev.sable.devnet.demo.EscapeSummary;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.node.Node;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The escape scenario of `sable demo --scenario escape` on batches a node really proved and posted
 * (its default circuit, tiny_l2_q1_owner, with owner data): two traders deposit and trade, the node
 * stops, then {@link EscapeScenario} runs its steps (a forced request left unserved, the deadline
 * passed on anvil's clock, a freeze by another account, the exit from L1 data alone with the dev
 * chain's exit keys, a second exit), then the other trader's exit. The exit pays exactly the equity
 * the stopped node's own proven state gives the account, the recipient's token balance grows by
 * exactly that, and the second exit is refused; the other trader takes his deposit, and what stays
 * in the bridge is the fee pool, as the solvency identity says. The same on a node at the {@code
 * -opt} preset: a call's writer and buyer both exit, each at its proven equity.
 */
class EscapeScenarioOnAnvilTest {
  static final long DEPOSIT = 1_000_000;
  static final long PRICE = 3000;
  static final long TAKER_FEE_PPM = 500; // the default market's (sable-defaults.yaml)
  static final long LOTS = 5;
  static final long CALLS = 20;

  @TempDir Path dir;

  @Test
  void aTraderLeavesTheFrozenBridgeWithTheEquityTheNodeLastProved() throws Exception {
    try (OutlivingL1 l1 =
        new OutlivingL1(new LocalL1(Toolchain.fromEnvironment(), dir.resolve("l1")))) {
      escapesWithTheirProvenEquity(l1, tradedThenStopped(l1, LocalNodes.config(dir)), dir);
    }
  }

  /**
   * Alice and Bob, who traded on the node whose bridge is at {@code bridgeAddress}, and the batches
   * L1 had verified when the node stopped.
   */
  record Traded(Trader alice, Trader bob, String bridgeAddress, List<BatchRecord> batches) {}

  /**
   * A node of {@code config} on {@code l1}: Alice (anvil's dev account 1) and Bob (2) deposit
   * DEPOSIT each, Bob sells LOTS at PRICE to Alice, and once a batch with the trade is verified on
   * L1 (the node's root L1's) the node stops.
   */
  static Traded tradedThenStopped(OutlivingL1 l1, NodeConfig config) throws InterruptedException {
    try (Node node = Node.start(config, l1, line -> {})) {
      SableClient client = new SableClient(URI.create("http://127.0.0.1:" + node.httpPort()));
      Trader alice = LocalNodes.funded(node, client, 1, DEPOSIT);
      Trader bob = LocalNodes.funded(node, client, 2, DEPOSIT);
      order(bob, 1, PRICE);
      order(alice, 0, PRICE);
      List<BatchRecord> seen = new ArrayList<>();
      awaitVerified(node, seen, () -> seen.stream().anyMatch(b -> b.summary().trades() > 0));
      return new Traded(alice, bob, node.report().bridgeAddress(), List.copyOf(seen));
    }
  }

  /**
   * Runs {@link EscapeScenario} for {@link #tradedThenStopped}'s traders (the node's data in {@code
   * dir}): Alice escapes, then Bob exits; checks each is paid exactly its proven equity (Alice's
   * also computed here by hand), the second exit is refused, and the bridge keeps the taker's fee.
   */
  static EscapeSummary escapesWithTheirProvenEquity(OutlivingL1 l1, Traded t, Path dir) {
    Credentials aliceL1 = AnvilNode.devAccount(1);
    Credentials bobL1 = AnvilNode.devAccount(2);
    Web3j web3j = Web3j.build(new HttpService(l1.rpcUrl()));
    try {
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(web3j, aliceL1, AnvilNode.CHAIN_ID, t.bridgeAddress());
      TestCollateral token =
          TestCollateral.attach(web3j, aliceL1, AnvilNode.CHAIN_ID, bridge.token());
      BigInteger before = token.balanceOf(aliceL1.getAddress());
      BigInteger bobBefore = token.balanceOf(bobL1.getAddress());
      BigInteger bridgeBefore = token.balanceOf(t.bridgeAddress());
      Trader alice = t.alice();
      Trader bob = t.bob();

      EscapeSummary escape =
          new EscapeScenario(
                  l1.rpcUrl(), t.bridgeAddress(), SampleSettlement.testKeys(), line -> {})
              .run(
                  new EscapeScenario.Escapee(alice.key(), alice.account(), aliceL1),
                  List.of(new EscapeScenario.Escapee(bob.key(), bob.account(), bobL1)),
                  dir);

      assertThat(escape.account()).isEqualTo(alice.account());
      // her long of LOTS at PRICE is worth its cost at the mark (PRICE): her deposit less the
      // taker fee, 500 ppm of the notional, rounded up
      long takerFee = Math.ceilDiv(LOTS * PRICE * TAKER_FEE_PPM, 1_000_000);
      assertThat(escape.expectedEquity()).isEqualTo(DEPOSIT - takerFee);
      assertThat(escape.amount()).isEqualTo(escape.expectedEquity());
      assertThat(escape.paid()).isTrue();
      assertThat(token.balanceOf(aliceL1.getAddress()).subtract(before))
          .isEqualTo(BigInteger.valueOf(escape.expectedEquity()));
      assertThat(bridge.frozen()).isTrue();
      assertThat(bridge.exited(alice.account())).isTrue();
      assertThat(escape.secondExitRefused()).isTrue();
      // bob exits too, with his own key: his short at the mark is worth its cost and the
      // maker pays no fee (makerFeePpm 0), so he takes his whole deposit
      assertThat(token.balanceOf(bobL1.getAddress()).subtract(bobBefore))
          .isEqualTo(BigInteger.valueOf(DEPOSIT));
      assertThat(bridge.exited(bob.account())).isTrue();
      assertThat(escape.exits()).isEqualTo(2);
      // the two deposits, less the two exits: the taker's fee, in the fee pool, which no key
      // can exit; the identity balance = exits + unclaimed (0) + pending (0) + unowned holds
      assertThat(bridgeBefore).isEqualTo(BigInteger.valueOf(2 * DEPOSIT));
      assertThat(token.balanceOf(t.bridgeAddress())).isEqualTo(BigInteger.valueOf(takerFee));
      assertThat(escape.bridgeBalanceLeft()).isEqualTo(takerFee);
      assertThat(escape.solvent()).isTrue();
      assertThat(escape.succeeded()).isTrue();
      return escape;
    } finally {
      web3j.shutdown();
    }
  }

  /**
   * The same escape on a node at the {@code -opt} preset: a writer sells calls to a buyer at the
   * call's mark (no fees), the node stops, and both exit from L1 data alone, each valued at the
   * option row the bridge stores (the committed mark of the last batch that published it): each
   * takes exactly the equity the node's proven state gives it, both are option holders, and the
   * bridge keeps nothing (the premium and the call's value only move money between the two).
   */
  @Test
  void optionHoldersLeaveWithTheEquityTheNodeLastProved() throws Exception {
    Toolchain toolchain = Toolchain.fromEnvironment();
    Credentials writerL1 = AnvilNode.devAccount(1);
    Credentials buyerL1 = AnvilNode.devAccount(2);
    Path markets = LocalNodes.optionMarkets(dir);
    try (OutlivingL1 l1 = new OutlivingL1(new LocalL1(toolchain, dir.resolve("l1")))) {
      Trader writer;
      Trader buyer;
      String bridgeAddress;
      try (Node node =
          Node.start(
              LocalNodes.config(
                  markets, dir, Map.of("SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_opt_owner")),
              l1,
              line -> {})) {
        bridgeAddress = node.report().bridgeAddress();
        CallTrade trade = CallTrade.place(node, DEPOSIT, CALLS);
        writer = trade.writer();
        buyer = trade.buyer();
        List<BatchRecord> seen = new ArrayList<>();
        awaitVerified(
            node, seen, () -> seen.stream().anyMatch(b -> b.summary().optionTrades() > 0));
      }

      Web3j web3j = Web3j.build(new HttpService(l1.rpcUrl()));
      try {
        SettlementBridgeClient bridge =
            SettlementBridgeClient.attach(web3j, writerL1, AnvilNode.CHAIN_ID, bridgeAddress);
        TestCollateral token =
            TestCollateral.attach(web3j, writerL1, AnvilNode.CHAIN_ID, bridge.token());
        BigInteger writerBefore = token.balanceOf(writerL1.getAddress());
        BigInteger buyerBefore = token.balanceOf(buyerL1.getAddress());

        EscapeSummary escape =
            new EscapeScenario(l1.rpcUrl(), bridgeAddress, SampleSettlement.testKeys(), line -> {})
                .run(
                    new EscapeScenario.Escapee(writer.key(), writer.account(), writerL1),
                    List.of(new EscapeScenario.Escapee(buyer.key(), buyer.account(), buyerL1)),
                    dir);

        // the writer, short the calls, is worth its deposit plus the premium less the calls' value
        // at the stored row; the scenario checked the buyer's exit against its proven equity too
        assertThat(escape.amount()).isEqualTo(escape.expectedEquity());
        assertThat(escape.succeeded()).isTrue();
        assertThat(escape.exits()).isEqualTo(2);
        assertThat(escape.optionHolderExits()).isEqualTo(2);
        BigInteger writerGot = token.balanceOf(writerL1.getAddress()).subtract(writerBefore);
        BigInteger buyerGot = token.balanceOf(buyerL1.getAddress()).subtract(buyerBefore);
        assertThat(writerGot).isEqualTo(BigInteger.valueOf(escape.expectedEquity()));
        // no fee, no fund, no funding: the two deposits go back, split as the positions say
        assertThat(writerGot.add(buyerGot)).isEqualTo(BigInteger.valueOf(2 * DEPOSIT));
        assertThat(escape.bridgeBalanceLeft()).isZero();
        assertThat(escape.solvent()).isTrue();
      } finally {
        web3j.shutdown();
      }
    }
  }

  private static void order(Trader t, int side, long price) {
    t.order(new OrderMessage(t.account(), 0, 1, side, 0, price, LOTS, 0, 0, 0))
        .orTimeout(1, TimeUnit.MINUTES)
        .join();
  }

  /** Waits until {@code done} over the verified batches and the node's root is L1's. */
  private static void awaitVerified(
      Node node, List<BatchRecord> seen, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    LocalNodes.await(
        "the batches verified on L1",
        () -> {
          seen.clear();
          seen.addAll(LocalNodeRestartTest.verified(node));
          return done.getAsBoolean() && LocalNodeRestartTest.rootsAgree(node);
        });
  }
}
