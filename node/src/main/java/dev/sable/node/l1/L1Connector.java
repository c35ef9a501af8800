package dev.sable.node.l1;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import dev.sable.prover.GnarkProver;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How the node reaches L1. Production attaches to a deployed bridge over RPC ({@link RpcL1}); the
 * command line wires a local development chain (devnet's anvil) when no RPC is configured, so the
 * node itself never depends on development tooling.
 */
@FunctionalInterface
public interface L1Connector {
  /**
   * Opens L1 for the settlement circuit at these capacities. A connector that deploys a bridge
   * makes it take that circuit's batches (its public data layout, and for a {@code -owner-blob}
   * circuit a SettlementBlobBridge of its blob count), starts it at {@code genesisRoot} (the node's
   * current root), whose genesis lists {@code genesisMarkets} markets (the bridge's capacity rule),
   * with a verifier of {@code prover}'s keys; one that attaches finds the bridge where it is and
   * must not call {@code prover}: it loads the proving keys (minutes on a cold cache), and the node
   * checks an attached bridge before that.
   */
  L1Connection connect(
      Supplier<GnarkProver> prover,
      Capacities capacities,
      Fr genesisRoot,
      int genesisMarkets,
      Consumer<String> progress);
}
