package dev.sable.devnet;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.l1.L1Connection;
import dev.sable.node.l1.L1Connector;
import dev.sable.prover.GnarkProver;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * An L1 that outlives the node connected to it, as a real chain does: the node's close leaves it
 * running, so what comes after the node (a trader's escape from a frozen bridge) has the same chain
 * and history; closing this closes it. Connects once.
 */
public final class OutlivingL1 implements L1Connector, AutoCloseable {
  private final L1Connector l1;
  private L1Connection connection;

  public OutlivingL1(L1Connector l1) {
    this.l1 = l1;
  }

  @Override
  public synchronized L1Connection connect(
      Supplier<GnarkProver> prover,
      Capacities capacities,
      Fr genesisRoot,
      int genesisMarkets,
      Consumer<String> progress) {
    if (connection != null) {
      throw new IllegalStateException("this L1 is already connected");
    }
    connection = l1.connect(prover, capacities, genesisRoot, genesisMarkets, progress);
    L1Connection open = connection;
    return new L1Connection() {
      @Override
      public SettlementBridgeClient bridge() {
        return open.bridge();
      }

      @Override
      public long chainId() {
        return open.chainId();
      }

      @Override
      public Credentials operator() {
        return open.operator();
      }

      @Override
      public Web3j web3j() {
        return open.web3j();
      }

      @Override
      public String rpcUrl() {
        return open.rpcUrl();
      }

      @Override
      public void close() {
        // the node lets go of L1; the chain runs on until this OutlivingL1 closes
      }
    };
  }

  /** L1's RPC endpoint, once a node connected. */
  public synchronized String rpcUrl() {
    if (connection == null) {
      throw new IllegalStateException("no node connected to this L1");
    }
    return connection.rpcUrl();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
  }
}
