package dev.sable.devnet;

import dev.sable.batch.Capacities;
import dev.sable.l1.Governance;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementDeployment;
import dev.sable.l1.TestCollateral;
import dev.sable.node.l1.CircuitLayout;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Anvil with all that a SettlementBridge deployment names but the bridge: the test collateral, the
 * accepting settlement verifier (proofs not checked; it stands as the exit verifier too) and a
 * timelock. Each {@link #deploy} is a new bridge, operated and guarded by dev account 0: for tests
 * of what a bridge or a node takes at deployment, many bridges on one anvil.
 */
final class BridgeDeployer implements AutoCloseable {
  final AnvilNode anvil;
  private final Web3j web3j;
  final Credentials dev;
  final String token;
  private final String verifier;
  private final String governance;

  private BridgeDeployer(Toolchain toolchain, AnvilNode anvil, Web3j web3j) throws IOException {
    this.anvil = anvil;
    this.web3j = web3j;
    this.dev = anvil.devAccount();
    this.token = TestCollateral.deploy(web3j, dev, AnvilNode.CHAIN_ID).address();
    this.verifier =
        SettlementBridgeClient.deployVerifier(
            web3j,
            dev,
            AnvilNode.CHAIN_ID,
            SettlementBridgeOnAnvilTest.creationCode(
                toolchain.root(), "SyntheticBatches", "AcceptingVerifier"));
    this.governance =
        Governance.deployTimelock(
            web3j, dev, AnvilNode.CHAIN_ID, Governance.MIN_UPGRADE_DELAY, dev.getAddress());
  }

  /** Starts anvil and deploys the token, the accepting verifier and the timelock. */
  static BridgeDeployer start() throws IOException {
    Toolchain toolchain = Toolchain.fromEnvironment();
    AnvilNode anvil = AnvilNode.start(toolchain);
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try {
      return new BridgeDeployer(toolchain, anvil, web3j);
    } catch (IOException | RuntimeException e) {
      web3j.shutdown();
      anvil.close();
      throw e;
    }
  }

  /**
   * A new bridge for circuit {@code c} at a genesis of {@code markets} markets and that root: a
   * SettlementBlobBridge when {@code c} puts its owner rows in a blob, else a SettlementBridge.
   */
  SettlementBridgeClient deploy(Capacities c, BigInteger genesisRoot, int markets) {
    return c.blob()
        ? SettlementBridgeClient.deployBlob(
            web3j, dev, AnvilNode.CHAIN_ID, deployment(c, genesisRoot, markets), c.blobs())
        : SettlementBridgeClient.deploy(
            web3j, dev, AnvilNode.CHAIN_ID, deployment(c, genesisRoot, markets));
  }

  private SettlementDeployment deployment(Capacities c, BigInteger genesisRoot, int markets) {
    return new SettlementDeployment(
        token,
        verifier,
        CircuitLayout.of(c),
        verifier,
        DevChain.EXIT_DEADLINE,
        dev.getAddress(),
        governance,
        dev.getAddress(),
        genesisRoot,
        markets,
        DevChain.VERIFY_GAS);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
