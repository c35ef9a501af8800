package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.l1.AggregateBatch;
import dev.sable.l1.BatchRejectedException;
import dev.sable.l1.Governance;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SubmitReceipt;
import dev.sable.l1.SubmittedBatch;
import dev.sable.l1.TestCollateral;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An aggregate's batches read back from L1 as the exit reads them (docs/bridge.md, "Wired into the
 * exit"): the fixture bridge on anvil, the real {@code k = 2} aggregate verifier installed by
 * governance through its timelock, batches 1 and 2 of the fixture chain sent as one {@code
 * submitBatches} with the real aggregate proof (AggregateFixture.sol) by {@link
 * SettlementBridgeClient#submitAggregate} (a forged segment refused first, with the bridge's error
 * decoded), batch 3 alone after it, and each batch's public data read back through {@link
 * SettlementBridgeClient#submitted}.
 */
class AggregateReadBackOnAnvilTest {
  static final long GAS = 3_000_000;

  @Test
  void eachBatchOfARealAggregateReadsBackAsTheSegmentSent() throws Exception {
    Path root = Toolchain.fromEnvironment().root();
    Path fixtures = root.resolve("l1-bridge/contracts/test/fixtures");
    JsonNode fixture =
        new ObjectMapper().readTree(fixtures.resolve("SettlementChain.json").toFile());
    String aggregate = Files.readString(fixtures.resolve("AggregateFixture.sol"));
    List<SettlementBatch> batches = new ArrayList<>();
    fixture.path("batches").forEach(b -> batches.add(SettlementBridgeOnAnvilTest.batch(b)));
    // The aggregate's D is the chain's batches 1 and 2, as the bridge deployed here takes them.
    List<BigInteger> d = new ArrayList<>(batches.get(0).publicData());
    d.addAll(batches.get(1).publicData());
    assertThat(aggregateData(aggregate)).isEqualTo(d);

    try (AnvilNode anvil = AnvilNode.start(Toolchain.fromEnvironment())) {
      Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      try {
        Credentials dev = anvil.devAccount();
        TestCollateral token = TestCollateral.deploy(web3j, dev, AnvilNode.CHAIN_ID);
        String timelock =
            Governance.deployTimelock(
                web3j, dev, AnvilNode.CHAIN_ID, Governance.MIN_UPGRADE_DELAY, dev.getAddress());
        SettlementBridgeClient operator =
            SettlementBridgeOnAnvilTest.deployFixtureBridge(
                root, fixture, web3j, dev, token, timelock);
        SettlementBridgeOnAnvilTest.depositFixture(operator, token, fixture);

        // Governance installs the real aggregate verifier (k = 2), not before the timelock's delay.
        String verifier =
            SettlementBridgeClient.deployVerifier(
                web3j,
                dev,
                AnvilNode.CHAIN_ID,
                SettlementBridgeOnAnvilTest.creationCode(root, "AggregateVerifier"));
        String install =
            FunctionEncoder.encode(
                new Function(
                    "setAggregateVerifier",
                    List.of(new Address(verifier), new Uint256(2)),
                    List.of()));
        Transactor governor = new Transactor(web3j, dev); // the timelock's member, and the operator
        assertThat(
                governor
                    .send(timelock, timelockCall("schedule", operator.address(), install, true))
                    .isStatusOK())
            .isTrue();
        String execute = timelockCall("execute", operator.address(), install, false);
        assertThat(governor.send(timelock, execute).isStatusOK())
            .as("executed before the delay")
            .isFalse();
        AnvilRpc.call(
            anvil.rpcUrl(), "evm_increaseTime", Governance.MIN_UPGRADE_DELAY.toSeconds() + 1);
        AnvilRpc.call(anvil.rpcUrl(), "evm_mine");
        assertThat(governor.send(timelock, execute).isStatusOK()).isTrue();

        // Batches 1 and 2 as ONE submitBatches transaction, with the real aggregate proof.
        BigInteger commitment = new BigInteger(constant(aggregate, "AGG_COMMITMENT", "\\d+"));
        byte[] proof =
            HexFormat.of().parseHex(constant(aggregate, "AGG_PROOF", "hex\"([0-9a-fA-F]+)\""));
        AggregateBatch both = AggregateBatch.of(batches.subList(0, 2), commitment, proof);
        assertThat(both.publicData()).isEqualTo(d);
        assertThat(operator.simulate(both)).isEmpty();
        // The verifier installed is the real one: segment 1's market row one bit off is refused,
        // on L1, with the bridge's error decoded.
        List<List<BigInteger>> changed = new ArrayList<>(both.segments());
        List<BigInteger> first = new ArrayList<>(changed.getFirst());
        first.set(16, first.get(16).flipBit(0));
        changed.set(0, first);
        AggregateBatch forged = new AggregateBatch(changed, commitment, proof, List.of());
        assertThat(operator.simulate(forged)).contains("InvalidProof()");
        assertThatThrownBy(() -> operator.submitAggregate(forged))
            .isInstanceOf(BatchRejectedException.class)
            .hasMessageContaining("InvalidProof()");
        assertThat(operator.batchCount()).isZero();
        SubmitReceipt sent = operator.submitAggregate(both);
        assertThat(operator.batchCount()).isEqualTo(2);
        assertThat(operator.stateRoot())
            .isEqualTo(new BigInteger(fixture.path("batches").get(1).path("newRoot").asText()));
        // Sent again: the bridge refuses the replay (batch 1 is not count + 1).
        assertThat(operator.simulate(both))
            .hasValueSatisfying(r -> assertThat(r).contains("WrongBatchNumber"));
        // Batch 3 alone after it, with its own settlement proof.
        operator.submitBatch(batches.get(2));

        SettlementEvents events = operator.events();
        List<SettlementEvents.AcceptedBatch> accepted = events.batches(0, events.head());
        assertThat(accepted)
            .extracting(SettlementEvents.AcceptedBatch::batchNumber)
            .containsExactly(1L, 2L, 3L);
        assertThat(accepted.get(0).at().transactionHash())
            .isEqualTo(accepted.get(1).at().transactionHash())
            .isEqualTo(sent.transactionHash());
        for (int i = 0; i < accepted.size(); i++) {
          SettlementEvents.AcceptedBatch event = accepted.get(i);
          JsonNode sentBatch = fixture.path("batches").get(i);
          assertThat(event.newRoot()).isEqualTo(new BigInteger(sentBatch.path("newRoot").asText()));
          SubmittedBatch read = operator.submitted(event);
          // the segment sent, whose header names the event's batch and new root
          assertThat(read.publicData()).isEqualTo(batches.get(i).publicData());
          assertThat(read.publicData().get(2)).isEqualTo(BigInteger.valueOf(event.batchNumber()));
          assertThat(read.publicData().get(5)).isEqualTo(event.newRoot());
          assertThat(read.aggregate()).isEqualTo(i < 2);
          assertThat(read.commitment()).isEqualTo(i < 2 ? commitment : batches.get(i).commitment());
        }

        // The same calldata sent to another address is not read as the bridge's.
        TransactionReceipt elsewhere =
            governor.send(
                AnvilNode.devAccount(3).getAddress(), submitBatchesCall(d, commitment, proof));
        assertThat(elsewhere.isStatusOK()).isTrue();
        SettlementEvents.AcceptedBatch misplaced =
            SettlementBridgeOnAnvilTest.loggedAt(
                accepted.get(0),
                new SettlementEvents.LogPosition(
                    elsewhere.getBlockNumber().longValueExact(),
                    elsewhere.getBlockHash(),
                    elsewhere.getTransactionHash(),
                    0));
        assertThatThrownBy(() -> operator.submitted(misplaced))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(elsewhere.getTransactionHash())
            .hasMessageContaining("is not a batch submission");
      } finally {
        web3j.shutdown();
      }
    }
  }

  /** The calldata of {@code submitBatches(d, commitment, proof)}. */
  @SuppressWarnings("rawtypes") // web3j's Function takes a List<Type>
  static String submitBatchesCall(List<BigInteger> d, BigInteger commitment, byte[] proof) {
    return FunctionEncoder.encode(
        new Function(
            "submitBatches",
            List.<Type>of(
                new DynamicArray<>(Uint256.class, d.stream().map(Uint256::new).toList()),
                new Uint256(commitment),
                new DynamicBytes(proof)),
            List.of()));
  }

  /**
   * A TimelockController call on the bridge with no value, predecessor or salt: {@code schedule}
   * (with the least delay the bridge accepts) or {@code execute}.
   */
  @SuppressWarnings("rawtypes")
  static String timelockCall(String method, String target, String data, boolean schedule) {
    List<Type> args = new ArrayList<>();
    args.add(new Address(target));
    args.add(new Uint256(0));
    args.add(new DynamicBytes(HexFormat.of().parseHex(data.substring(2))));
    args.add(new Bytes32(new byte[32]));
    args.add(new Bytes32(new byte[32]));
    if (schedule) {
      args.add(new Uint256(Governance.MIN_UPGRADE_DELAY.toSeconds()));
    }
    return FunctionEncoder.encode(new Function(method, args, List.of()));
  }

  /**
   * A constant's value in the generated fixture: the first group of {@code value}, or all of it.
   */
  static String constant(String fixture, String name, String value) {
    Matcher m = Pattern.compile(name + " =\\s*(" + value + ");").matcher(fixture);
    assertThat(m.find()).as(name + " in AggregateFixture.sol").isTrue();
    return m.groupCount() > 1 ? m.group(2) : m.group(1);
  }

  /** AggregateFixture.aggregateData(): D, element by element. */
  static List<BigInteger> aggregateData(String fixture) {
    String body = fixture.substring(fixture.indexOf("function aggregateData()"));
    Matcher m = Pattern.compile("d\\[(\\d+)\\] =\\s*(\\d+);").matcher(body);
    List<BigInteger> d = new ArrayList<>();
    while (m.find()) {
      assertThat(Integer.parseInt(m.group(1))).isEqualTo(d.size());
      d.add(new BigInteger(m.group(2)));
    }
    return d;
  }

  /** Sends raw calls from one account and waits for each receipt, reverted or not. */
  record Transactor(Web3j web3j, Credentials from) {
    TransactionReceipt send(String to, String data) throws Exception {
      EthSendTransaction sent =
          new RawTransactionManager(web3j, from, AnvilNode.CHAIN_ID)
              .sendTransaction(
                  web3j.ethGasPrice().send().getGasPrice(),
                  BigInteger.valueOf(GAS),
                  to,
                  data,
                  BigInteger.ZERO);
      assertThat(sent.hasError()).as("sending to " + to).isFalse();
      return new PollingTransactionReceiptProcessor(web3j, 100, 600)
          .waitForTransactionReceipt(sent.getTransactionHash());
    }
  }
}
