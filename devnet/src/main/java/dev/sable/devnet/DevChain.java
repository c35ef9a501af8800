package dev.sable.devnet;

import dev.sable.l1.BridgeClient;
import dev.sable.prover.GnarkProver;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A local L1 for the demo and the tests: anvil, plus the gnark-exported verifier for the prover's
 * keys (compiled on the spot, since its constants come from keys made on this machine) and a bridge
 * starting at the given genesis root.
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
    Web3j web3j = null;
    try {
      web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      BridgeClient bridge =
          BridgeClient.deploy(
              web3j, anvil.devAccount(), AnvilNode.CHAIN_ID, verifierCode, genesisRoot);
      return new DevChain(anvil, web3j, bridge);
    } catch (RuntimeException e) {
      if (web3j != null) {
        web3j.shutdown();
      }
      anvil.close();
      throw e;
    }
  }

  public BridgeClient bridge() {
    return bridge;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
