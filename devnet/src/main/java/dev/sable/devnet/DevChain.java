package dev.sable.devnet;

import dev.sable.l1.BridgeClient;
import dev.sable.l1.BridgeDeployment;
import dev.sable.l1.Governance;
import dev.sable.prover.GnarkProver;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A local L1 for the demo and the tests: anvil, plus the gnark-exported verifier for the prover's
 * keys (compiled on the spot, since its constants come from keys made on this machine) and a bridge
 * starting at the given genesis root, governed by a timelock with the bridge's minimum delay. The
 * dev account operates the bridge, proposes and executes governance changes, and is its guardian.
 */
public final class DevChain implements AutoCloseable {
  private final AnvilNode anvil;
  private final Web3j web3j;
  private final BridgeClient bridge;

  private DevChain(AnvilNode anvil, Web3j web3j, BridgeClient bridge) {
    this.anvil = anvil;
    this.web3j = web3j;
    this.bridge = bridge;
  }

  public static DevChain start(Toolchain toolchain, GnarkProver prover, BigInteger genesisRoot) {
    String verifierCode =
        new SolidityCompiler(toolchain)
            .creationBytecode("Verifier.sol", prover.solidityVerifier(), "Verifier");
    AnvilNode anvil = AnvilNode.start(toolchain);
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try {
      String dev = anvil.devAccount().getAddress();
      String governance =
          Governance.deployTimelock(
              web3j, anvil.devAccount(), AnvilNode.CHAIN_ID, Governance.MIN_UPGRADE_DELAY, dev);
      BridgeClient bridge =
          BridgeClient.deploy(
              web3j,
              anvil.devAccount(),
              AnvilNode.CHAIN_ID,
              new BridgeDeployment(
                  verifierCode, genesisRoot, governance, dev, BridgeDeployment.DEFAULT_VERIFY_GAS));
      return new DevChain(anvil, web3j, bridge);
    } catch (RuntimeException e) {
      RuntimeException explained = explain(anvil, e);
      web3j.shutdown();
      anvil.close();
      throw explained;
    }
  }

  public BridgeClient bridge() {
    return bridge;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public Web3j web3j() {
    return web3j;
  }

  /** The funded dev account that operates the bridge. */
  public Credentials operator() {
    return anvil.devAccount();
  }

  /**
   * A failure seen while using this chain, with anvil's state added when anvil has died (then the
   * failure is the chain's, whatever the client reported).
   */
  public RuntimeException explain(RuntimeException failure) {
    return explain(anvil, failure);
  }

  private static RuntimeException explain(AnvilNode anvil, RuntimeException failure) {
    return anvil.isAlive()
        ? failure
        : new DevnetException("the local L1 stopped: " + anvil.diagnosis(), failure);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
