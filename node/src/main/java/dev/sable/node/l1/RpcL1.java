package dev.sable.node.l1;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.l1.L1Rpc;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.prover.GnarkProver;
import java.io.IOException;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/** Production L1: attaches to an already deployed settlement bridge through an RPC endpoint. */
public final class RpcL1 implements L1Connector {
  private final String rpcUrl;
  private final long chainId;
  private final String bridge;
  private final Credentials operator;
  private final Duration timeout;

  /**
   * @param timeout how long the client waits for each read or write of a call
   *     (l1.rpcTimeoutSeconds)
   */
  public RpcL1(
      String rpcUrl, long chainId, String bridge, String operatorKeyHex, Duration timeout) {
    this.rpcUrl = rpcUrl;
    this.timeout = timeout;
    this.chainId = chainId;
    this.bridge = bridge.startsWith("0x") ? bridge : "0x" + bridge;
    this.operator = Credentials.create(operatorKeyHex);
  }

  @Override
  public L1Connection connect(
      Supplier<GnarkProver> prover,
      Capacities capacities,
      Fr genesisRoot,
      int genesisMarkets,
      Consumer<String> progress) {
    Web3j web3j = L1Rpc.connect(rpcUrl, timeout);
    try {
      BigInteger remote = web3j.ethChainId().send().getChainId();
      if (remote == null || remote.longValueExact() != chainId) {
        throw new IllegalStateException(
            "L1 at " + rpcUrl + " is chain " + remote + ", the configuration says " + chainId);
      }
    } catch (SocketTimeoutException e) {
      web3j.shutdown();
      throw new IllegalStateException(
          "L1 at "
              + rpcUrl
              + " did not answer within "
              + timeout.toSeconds()
              + " s (l1.rpcTimeoutSeconds)",
          e);
    } catch (IOException e) {
      web3j.shutdown();
      throw new IllegalStateException("cannot reach L1 at " + rpcUrl + ": " + e.getMessage(), e);
    }
    progress.accept("L1 at " + rpcUrl + " (chain " + chainId + "), bridge " + bridge);
    SettlementBridgeClient client = SettlementBridgeClient.attach(web3j, operator, chainId, bridge);
    return new L1Connection() {
      @Override
      public SettlementBridgeClient bridge() {
        return client;
      }

      @Override
      public long chainId() {
        return chainId;
      }

      @Override
      public Credentials operator() {
        return operator;
      }

      @Override
      public Web3j web3j() {
        return web3j;
      }

      @Override
      public String rpcUrl() {
        return rpcUrl;
      }

      @Override
      public void close() {
        web3j.shutdown();
      }
    };
  }
}
