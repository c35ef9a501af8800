package dev.sable.node.l1;

import dev.sable.crypto.Fr;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.prover.GnarkProver;
import java.io.IOException;
import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Production L1: attaches to an already deployed settlement bridge through an RPC endpoint. */
public final class RpcL1 implements L1Connector {
  private final String rpcUrl;
  private final long chainId;
  private final String bridge;
  private final Credentials operator;

  public RpcL1(String rpcUrl, long chainId, String bridge, String operatorKeyHex) {
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
    this.bridge = bridge.startsWith("0x") ? bridge : "0x" + bridge;
    this.operator = Credentials.create(operatorKeyHex);
  }

  @Override
  public L1Connection connect(
      Supplier<GnarkProver> prover,
      PublicDataLayout layout,
      Fr genesisRoot,
      int genesisMarkets,
      Consumer<String> progress) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      BigInteger remote = web3j.ethChainId().send().getChainId();
      if (remote == null || remote.longValueExact() != chainId) {
        throw new IllegalStateException(
            "L1 at " + rpcUrl + " is chain " + remote + ", the configuration says " + chainId);
      }
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
