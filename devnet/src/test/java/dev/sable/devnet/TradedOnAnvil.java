package dev.sable.devnet;

import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.config.NodeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The start and tear-down the anvil tests of a traded chain share: a node of a given config that
 * deposited, traded, proved its batches and stopped on a local L1 that outlives it ({@link
 * EscapeScenarioOnAnvilTest#tradedThenStopped}), and a client of its bridge on that L1 (sending as
 * anvil's dev account 5). A subclass calls {@link #trade} from its own {@code @BeforeAll}; the
 * client and the L1 are stopped after all its tests, however far the start got.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TradedOnAnvil {
  OutlivingL1 l1;
  EscapeScenarioOnAnvilTest.Traded traded;
  Web3j web3j;
  SettlementBridgeClient bridge;

  /**
   * Starts the L1 under {@code dir/l1}, runs a node of {@code config} on it, attaches the bridge.
   */
  void trade(Path dir, NodeConfig config) throws InterruptedException {
    l1 = new OutlivingL1(new LocalL1(Toolchain.fromEnvironment(), dir.resolve("l1")));
    traded = EscapeScenarioOnAnvilTest.tradedThenStopped(l1, config);
    web3j = Web3j.build(new HttpService(l1.rpcUrl()));
    bridge =
        SettlementBridgeClient.attach(
            web3j, AnvilNode.devAccount(5), AnvilNode.CHAIN_ID, traded.bridgeAddress());
  }

  @AfterAll
  void stopL1() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (l1 != null) {
      l1.close();
    }
  }
}
