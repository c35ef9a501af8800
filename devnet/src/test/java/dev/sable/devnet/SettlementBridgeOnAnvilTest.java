package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.BridgeRevertedException;
import dev.sable.l1.ClaimReceipt;
import dev.sable.l1.DepositReceipt;
import dev.sable.l1.Governance;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementDeployment;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SubmitReceipt;
import dev.sable.l1.TestCollateral;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The settlement bridge on anvil through the Java client, with the real proofs Go made
 * (l1-bridge/contracts/test/fixtures/SettlementChain.json, signed for the bridge anvil's dev
 * account 9 creates first): deposits from the fixture's senders, three batches, the withdrawals and
 * the refund claimed, and the events read back; then the escape: a forced withdrawal request the
 * fixture's circuit cannot serve, anvil's clock past the deadline, the freeze, and each trader's
 * exit with the real exit proof Go made from the last root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementBridgeOnAnvilTest {
  static final long VERIFY_GAS = 400_000;
  static final long EXIT_DEADLINE = 3_600;

  JsonNode fixture;
  AnvilNode anvil;
  Web3j web3j;
  TestCollateral token;
  SettlementBridgeClient operator;

  @BeforeAll
  void start() throws IOException {
    Path root = Toolchain.fromEnvironment().root();
    Path fixtures = root.resolve("l1-bridge/contracts/test/fixtures");
    fixture = new ObjectMapper().readTree(fixtures.resolve("SettlementChain.json").toFile());
    anvil = AnvilNode.start(Toolchain.fromEnvironment());
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials dev = anvil.devAccount();
    token = TestCollateral.deploy(web3j, dev, AnvilNode.CHAIN_ID);
    String timelock =
        Governance.deployTimelock(
            web3j, dev, AnvilNode.CHAIN_ID, Governance.MIN_UPGRADE_DELAY, dev.getAddress());
    operator = deployFixtureBridge(root, fixture, web3j, dev, token, timelock);
  }

  /**
   * The fixture's bridge, deployed by anvil's dev account 9 as its first contract (the address the
   * fixture's batches are signed for) with the fixture's settlement and exit verifiers, governed by
   * {@code timelock}; the client sends as {@code dev}, the operator.
   */
  static SettlementBridgeClient deployFixtureBridge(
      Path root,
      JsonNode fixture,
      Web3j web3j,
      Credentials dev,
      TestCollateral token,
      String timelock)
      throws IOException {
    long chain = AnvilNode.CHAIN_ID;
    String verifier =
        SettlementBridgeClient.deployVerifier(
            web3j, dev, chain, creationCode(root, "SettlementVerifier"));
    String exitVerifier =
        SettlementBridgeClient.deployVerifier(
            web3j, dev, chain, creationCode(root, "ExitVerifier"));
    JsonNode layout = fixture.path("layout");
    Credentials deployer = AnvilNode.devAccount(9);
    assertThat(deployer.getAddress()).isEqualToIgnoringCase(fixture.path("deployer").asText());
    SettlementBridgeClient deployed =
        SettlementBridgeClient.deploy(
            web3j,
            deployer,
            chain,
            new SettlementDeployment(
                token.address(),
                verifier,
                new PublicDataLayout(
                    layout.path("depositSlots").asInt(),
                    layout.path("withdrawalSlots").asInt(),
                    layout.path("marketRows").asInt()),
                exitVerifier,
                EXIT_DEADLINE,
                dev.getAddress(),
                timelock,
                dev.getAddress(),
                new BigInteger(fixture.path("genesisRoot").asText()),
                1,
                VERIFY_GAS));
    assertThat(deployed.address()).isEqualToIgnoringCase(fixture.path("bridge").asText());
    return deployed.as(dev);
  }

  /**
   * Makes each fixture deposit from its sender (minted first), in order; returns how many were
   * queued.
   */
  static long depositFixture(
      SettlementBridgeClient operator, TestCollateral token, JsonNode fixture) {
    long index = 0;
    for (JsonNode d : fixture.path("deposits")) {
      String sender = d.path("sender").asText();
      BigInteger amount = BigInteger.valueOf(d.path("amount").asLong());
      token.mint(sender, amount);
      DepositReceipt receipt =
          operator
              .as(account(sender))
              .deposit(
                  d.path("account").asLong(),
                  new BigInteger(d.path("keyX").asText()),
                  new BigInteger(d.path("keyY").asText()),
                  amount);
      assertThat(receipt.index()).isEqualTo(index++);
    }
    return index;
  }

  /** Batch event {@code b} as if another transaction had logged it, at {@code at}. */
  static SettlementEvents.AcceptedBatch loggedAt(
      SettlementEvents.AcceptedBatch b, SettlementEvents.LogPosition at) {
    return new SettlementEvents.AcceptedBatch(
        b.batchNumber(),
        b.oldRoot(),
        b.newRoot(),
        b.batchTime(),
        b.depositsConsumed(),
        b.markets(),
        at);
  }

  /** A fixture verifier's creation code from forge's build output. */
  static String creationCode(Path root, String contract) throws IOException {
    return creationCode(root, contract, contract);
  }

  /** The creation code of {@code contract}, declared in {@code file}.sol, from forge's output. */
  static String creationCode(Path root, String file, String contract) throws IOException {
    return new ObjectMapper()
        .readTree(
            root.resolve("l1-bridge/contracts/out/" + file + ".sol/" + contract + ".json").toFile())
        .path("bytecode")
        .path("object")
        .asText();
  }

  @AfterAll
  void stop() {
    web3j.shutdown();
    anvil.close();
  }

  /** The anvil dev account with this address. */
  static Credentials account(String address) {
    for (int i = 0; i < 10; i++) {
      if (AnvilNode.devAccount(i).getAddress().equalsIgnoreCase(address)) {
        return AnvilNode.devAccount(i);
      }
    }
    throw new IllegalArgumentException(address + " is not one of anvil's dev accounts");
  }

  /** Batch n's transaction gas as snapshots/SettlementGasTest.json has it (Gas.t.sol). */
  static long forgeBatchGas(long n) throws IOException {
    JsonNode figures =
        new ObjectMapper()
            .readTree(
                Toolchain.fromEnvironment()
                    .root()
                    .resolve("l1-bridge/contracts/snapshots/SettlementGasTest.json")
                    .toFile());
    for (Map.Entry<String, JsonNode> e : figures.properties()) {
      if (e.getKey().startsWith("batch " + n + ":")) {
        return Long.parseLong(e.getValue().asText());
      }
    }
    throw new IllegalStateException("no gas figure for batch " + n + " in " + figures);
  }

  static SettlementBatch batch(JsonNode b) {
    List<BigInteger> d = new ArrayList<>();
    b.path("publicData").forEach(e -> d.add(new BigInteger(e.asText())));
    return new SettlementBatch(
        d,
        new BigInteger(b.path("commitment").asText()),
        HexFormat.of().parseHex(b.path("proof").asText().substring(2)));
  }

  @Test
  @Order(1)
  void depositsBatchesAndClaimsOfTheFixtureGoThroughTheClient() throws IOException {
    assertThat(operator.verifyingKeyHash()).isEqualTo(fixture.path("verifyingKeyHash").asText());
    assertThat(operator.layout().length()).isEqualTo(17);

    // Each fixture deposit, from its sender.
    long index = depositFixture(operator, token, fixture);
    assertThat(operator.depositsQueued()).isEqualTo(index);

    // The three batches, in order, each costing what forge's isolated gas test recorded; a
    // replay of the last is refused with the contract's reason.
    for (JsonNode b : fixture.path("batches")) {
      SubmitReceipt receipt = operator.submitBatch(batch(b));
      assertThat(receipt.gasUsed()).isEqualTo(forgeBatchGas(b.path("number").asLong()));
      assertThat(operator.stateRoot()).isEqualTo(new BigInteger(b.path("newRoot").asText()));
      assertThat(operator.batchCount()).isEqualTo(b.path("number").asLong());
    }
    assertThat(operator.depositsConsumed()).isEqualTo(index);
    JsonNode last = fixture.path("batches").get(2);
    assertThatThrownBy(() -> operator.submitBatch(batch(last)))
        .isInstanceOfSatisfying(
            BatchRejectedException.class,
            e -> assertThat(e.reason()).startsWith("WrongBatchNumber("));

    // Every withdrawal and refund, claimed by its recipient; a second claim is refused.
    for (JsonNode b : fixture.path("batches")) {
      for (String kind : List.of("withdrawals", "refunds")) {
        for (JsonNode credit : b.path(kind)) {
          String to = credit.path("to").asText();
          BigInteger amount = BigInteger.valueOf(credit.path("amount").asLong());
          assertThat(operator.claimable(to)).isEqualTo(amount);
          ClaimReceipt claim = operator.as(account(to)).claim(to);
          assertThat(claim.amount()).isEqualTo(amount);
          assertThat(token.balanceOf(to)).isEqualTo(amount);
          assertThatThrownBy(() -> operator.claim(to))
              .isInstanceOfSatisfying(
                  BridgeRevertedException.class,
                  e -> assertThat(e.reason()).startsWith("NothingToClaim("));
        }
      }
    }

    // What a watcher reads back from the logs.
    SettlementEvents events = operator.events();
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    List<SettlementEvents.QueuedDeposit> deposits = events.deposits(0, head);
    assertThat(deposits)
        .extracting(SettlementEvents.QueuedDeposit::index)
        .containsExactly(0L, 1L, 2L, 3L);
    assertThat(deposits.get(0).keyX())
        .isEqualTo(new BigInteger(fixture.path("deposits").get(0).path("keyX").asText()));
    List<SettlementEvents.AcceptedBatch> batches = events.batches(0, head);
    assertThat(batches)
        .extracting(SettlementEvents.AcceptedBatch::batchNumber)
        .containsExactly(1L, 2L, 3L);
    // Each batch's public data, read back from its transaction's calldata (what an exit rebuilds
    // the state from); a batch event pointing at another transaction (a deposit's) is refused.
    for (int i = 0; i < batches.size(); i++) {
      assertThat(operator.publicData(batches.get(i)))
          .isEqualTo(batch(fixture.path("batches").get(i)).publicData());
    }
    SettlementEvents.AcceptedBatch misplaced = loggedAt(batches.get(0), deposits.get(0).at());
    assertThatThrownBy(() -> operator.publicData(misplaced))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "is not a batch submission (submitBatch, submitBlobBatch, submitBatches,");
    JsonNode lastData = last.path("publicData");
    assertThat(batches.get(2).markets())
        .containsExactly(new BigInteger(lastData.get(lastData.size() - 1).asText()));
    assertThat(events.withdrawals(0, head)).hasSize(2);
    assertThat(events.refunds(0, head))
        .singleElement()
        .satisfies(r -> assertThat(r.index()).isEqualTo(2));
    assertThat(events.claims(0, head)).hasSize(3);
  }

  /** After the chain (order 1): the bridge frozen, both traders exit and claim their equity. */
  @Test
  @Order(3)
  void anOverdueRequestFreezesTheBridgeAndTradersExitWithTheirProofs() throws IOException {
    assertThat(operator.exitVerifyingKeyHash())
        .isEqualTo(fixture.path("exitVerifyingKeyHash").asText());
    Credentials trader = AnvilNode.devAccount(6);
    long index =
        operator
            .as(trader)
            .forceWithdrawal(
                5,
                0,
                BigInteger.valueOf(1_000_000),
                trader.getAddress(),
                BigInteger.ONE,
                BigInteger.TWO,
                BigInteger.valueOf(3));
    assertThat(index).isZero();
    assertThat(operator.requestsQueued()).isEqualTo(1);
    assertThatThrownBy(operator::freeze)
        .isInstanceOfSatisfying(
            BridgeRevertedException.class,
            e -> assertThat(e.reason()).startsWith("RequestNotOverdue("));
    advanceTime(operator.exitDeadline() + 1);
    operator.as(trader).freeze();
    assertThat(operator.frozen()).isTrue();

    for (JsonNode e : fixture.path("exits")) {
      List<BigInteger> d = new ArrayList<>();
      e.path("data").forEach(x -> d.add(new BigInteger(x.asText())));
      String to = e.path("recipient").asText();
      BigInteger amount = BigInteger.valueOf(e.path("amount").asLong());
      BigInteger before = token.balanceOf(to);
      byte[] proof = HexFormat.of().parseHex(e.path("proof").asText().substring(2));
      BigInteger commitment = new BigInteger(e.path("commitment").asText());
      operator.as(trader).exit(d, commitment, proof);
      assertThat(operator.exited(e.path("account").asLong())).isTrue();
      assertThat(operator.as(account(to)).claim(to).amount()).isEqualTo(amount);
      assertThat(token.balanceOf(to)).isEqualTo(before.add(amount));
      assertThatThrownBy(() -> operator.exit(d, commitment, proof))
          .isInstanceOfSatisfying(
              BridgeRevertedException.class,
              x -> assertThat(x.reason()).startsWith("AlreadyExited("));
    }
    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    assertThat(operator.events().exits(0, head))
        .extracting(SettlementEvents.Exit::account)
        .containsExactly(5L, 9L);
    assertThat(operator.events().forcedRequests(0, head))
        .singleElement()
        .satisfies(r -> assertThat(r.recipient()).isEqualToIgnoringCase(trader.getAddress()));
  }

  /** Moves anvil's clock forward and mines a block at the new time. */
  void advanceTime(long seconds) throws IOException {
    HttpService rpc = new HttpService(anvil.rpcUrl());
    new Request<>("evm_increaseTime", List.of(seconds), rpc, VoidResponse.class).send();
    new Request<>("evm_mine", List.of(), rpc, VoidResponse.class).send();
  }

  @Test
  @Order(2)
  void aDepositOutsideTheLimitsIsRefusedWithItsReason() {
    Credentials trader = AnvilNode.devAccount(6);
    token.mint(trader.getAddress(), BigInteger.TEN);
    assertThatThrownBy(
            () ->
                operator
                    .as(trader)
                    .deposit(1 << 24, BigInteger.ONE, BigInteger.TWO, BigInteger.TEN))
        .isInstanceOfSatisfying(
            BridgeRevertedException.class,
            e -> assertThat(e.reason()).startsWith("AccountOutOfRange("));
  }
}
