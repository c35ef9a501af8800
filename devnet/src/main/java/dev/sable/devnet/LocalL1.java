package dev.sable.devnet;

import dev.sable.crypto.Fr;
import dev.sable.l1.BridgeClient;
import dev.sable.node.l1.L1Connection;
import dev.sable.node.l1.L1Connector;
import dev.sable.prover.GnarkProver;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * Development L1 for `sable node run` without an RPC endpoint: anvil on a free port, the verifier
 * exported for this machine's keys and a bridge starting at the node's current root. The chain
 * lives as long as the node: a restarted node gets a fresh chain whose bridge starts at its root.
 */
public final class LocalL1 implements L1Connector {
  private final Toolchain toolchain;

  public LocalL1(Toolchain toolchain) {
    this.toolchain = toolchain;
  }

  @Override
  public L1Connection connect(GnarkProver prover, Fr genesisRoot, Consumer<String> progress) {
    progress.accept("starting a local L1 (anvil) and deploying the verifier and the bridge");
    DevChain chain = DevChain.start(toolchain, prover, genesisRoot.toBigInteger());
    progress.accept("local L1 at " + chain.rpcUrl() + ", bridge " + chain.bridge().address());
    return new L1Connection() {
      @Override
      public BridgeClient bridge() {
        return chain.bridge();
      }

      @Override
      public long chainId() {
        return AnvilNode.CHAIN_ID;
      }

      @Override
      public Credentials operator() {
        return chain.operator();
      }

      @Override
      public Web3j web3j() {
        return chain.web3j();
      }

      @Override
      public String rpcUrl() {
        return chain.rpcUrl();
      }

      @Override
      public void close() {
        chain.close();
      }
    };
  }
}
