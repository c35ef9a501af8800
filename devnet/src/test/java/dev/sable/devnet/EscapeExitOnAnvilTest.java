package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.PublicInputs;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.OperatorHistory;
import dev.sable.crypto.Fr;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * The escape hatch on anvil from L1 data alone: three batches whose public data carries owner data
 * (made up by batch.exit's operator history, so the bridge's settlement verifier here is the
 * accepting test verifier; OwnerBatchesExitTest reads real circuit output); a forced request goes
 * unserved, the bridge freezes, and each trader rebuilds its account from the calldata, proves its
 * exit with the key store's exit keys, and is paid: the bridge's exit verifier is the dev chain's
 * ({@link DevChain#exitVerifierCode}), which set those keys up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EscapeExitOnAnvilTest {
  DevChain chain;
  GnarkProver exitKeys;
  SettlementBridgeClient bridge;

  @BeforeAll
  void start(@TempDir Path keys) throws IOException {
    Toolchain toolchain = Toolchain.fromEnvironment();
    // the dev chain's exit verifier sets the exit keys up in the key store on first use
    String exitVerifier = DevChain.exitVerifierCode(toolchain, keys, KeyPolicy.DEVELOPMENT_SETUP);
    exitKeys = GnarkProver.open(ExitCircuit.LAYOUT, keys, KeyPolicy.EXISTING_KEYS);
    chain = operatorHistoryChain(toolchain, exitVerifier);
    bridge = chain.bridge();
    assertThat(bridge.exitVerifyingKeyHash())
        .isEqualToIgnoringCase(exitKeys.keys().verifyingKeyHash());
    assertThat(bridge.layout().ownerDataAt()).isEqualTo(OperatorHistory.OWNER_DATA_AT);
    OperatorHistory history =
        OperatorHistory.threeBatches(
            AnvilNode.CHAIN_ID, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    for (List<Fr> d : history.publicData()) {
      bridge.submitBatch(
          new SettlementBatch(
              d.stream().map(Fr::toBigInteger).toList(),
              PublicInputs.bind(d).commitment().toBigInteger(),
              new byte[256]));
    }
    chain.token().mint(bridge.address(), BigInteger.valueOf(10_000)); // what deposits would hold
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
    if (exitKeys != null) {
      exitKeys.close();
    }
  }

  private EscapeExit.Result exit(int trader, dev.sable.crypto.EdDsaPrivateKey key) {
    Credentials sender = AnvilNode.devAccount(trader);
    return EscapeExit.run(
        bridge.as(sender),
        AnvilNode.CHAIN_ID,
        key,
        sender.getAddress(),
        OptionalLong.empty(),
        exitKeys,
        new AnvilBlobs(chain.rpcUrl()));
  }

  @Test
  @Order(1)
  void noExitBeforeTheFreeze() {
    assertThatThrownBy(() -> exit(3, OperatorHistory.ALICE))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("the bridge is not frozen");
  }

  @Test
  @Order(2)
  void afterTheFreezeEachTraderIsPaidItsEquityOnceAndStrangersNothing() throws IOException {
    freezeAfterAnOverdueRequest(chain, bridge);

    // Alice: 900 + 2 * 150 - 200 - ceil(2 * (12 - 10) / 10^6), her long valued at market 3's row
    EscapeExit.Result alice = exit(3, OperatorHistory.ALICE);
    assertThat(alice.account()).isEqualTo(1);
    assertThat(alice.amount()).isEqualTo(999);
    assertThat(alice.claimed()).isEqualTo(BigInteger.valueOf(999));
    assertThat(chain.token().balanceOf(AnvilNode.devAccount(3).getAddress()))
        .isEqualTo(BigInteger.valueOf(999));
    assertThat(bridge.exited(1)).isTrue();

    EscapeExit.Result bob = exit(4, OperatorHistory.BOB);
    assertThat(bob.account()).isEqualTo(2);
    assertThat(bob.amount()).isEqualTo(400);

    assertThatThrownBy(() -> exit(3, OperatorHistory.ALICE))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account 1 has already exited");
    assertThatThrownBy(() -> exit(5, OperatorHistory.key(9)))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account not found in L1 data");
  }

  /**
   * Registers a forced request for account 1 (its signature is not checked on L1), moves anvil's
   * clock past the deadline and freezes the bridge.
   */
  private static void freezeAfterAnOverdueRequest(DevChain chain, SettlementBridgeClient bridge)
      throws IOException {
    Credentials requester = AnvilNode.devAccount(6);
    bridge
        .as(requester)
        .forceWithdrawal(
            1,
            0,
            BigInteger.valueOf(1_000),
            requester.getAddress(),
            BigInteger.ONE,
            BigInteger.TWO,
            BigInteger.valueOf(3));
    HttpService rpc = new HttpService(chain.rpcUrl());
    new Request<>("evm_increaseTime", List.of(bridge.exitDeadline() + 1), rpc, VoidResponse.class)
        .send();
    new Request<>("evm_mine", List.of(), rpc, VoidResponse.class).send();
    bridge.as(requester).freeze();
  }

  /**
   * A dev chain for {@link OperatorHistory}'s batches: its genesis, one market, its account rows,
   * the accepting settlement verifier (proofs not checked) and the given exit verifier.
   */
  private static DevChain operatorHistoryChain(Toolchain toolchain, String exitVerifier)
      throws IOException {
    return DevChain.on(
        AnvilNode.start(toolchain),
        SettlementBridgeOnAnvilTest.creationCode(
            toolchain.root(), "SyntheticBatches", "AcceptingVerifier"),
        exitVerifier,
        new PublicDataLayout(1, 1, 1, 0, 0, OperatorHistory.ACCOUNT_ROWS),
        0, // a calldata bridge
        OperatorHistory.genesisRoot().toBigInteger(),
        1);
  }
}
