package dev.sable.node.pipeline;

import dev.sable.batch.sequencer.SettlementMarkets;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.node.config.MarketConfig;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.store.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's settlement state at genesis: the insurance fund and the configured markets (market id
 * = its place in the configuration, as the sequencer lists them), each with the parameters the
 * circuit checks, as the sequencer's adapter reads them ({@link SettlementMarkets}: times in the
 * log's unit), and no oracle key yet.
 */
public final class SettlementGenesis {
  private SettlementGenesis() {}

  /** The listed markets of the configuration. */
  public static List<MarketLeafV2> markets(List<MarketConfig> configured) {
    List<MarketLeafV2> out = new ArrayList<>();
    for (int id = 0; id < configured.size(); id++) {
      out.add(
          MarketLeafV2.listed(id, SettlementMarkets.params(configured.get(id).spec()), List.of()));
    }
    return out;
  }

  /** The global root of the genesis state (it does not depend on the deployment). */
  public static Fr root(List<MarketLeafV2> markets) {
    try (KeyValueStore scratch = new InMemoryKeyValueStore()) {
      return SettlementState.genesis(scratch, new Deployment(1, Fr.ZERO), markets).root();
    }
  }

  /**
   * The node's state in its store: the one there, which must be bound to this deployment, or the
   * genesis state written for it.
   *
   * @throws IllegalStateException if the store holds the state of another deployment
   */
  public static SettlementState openOrCreate(
      KeyValueStore store, Deployment deployment, List<MarketLeafV2> markets) {
    if (!isEmpty(store)) {
      SettlementState state = SettlementState.open(store);
      if (!state.deployment().equals(deployment)) {
        throw new IllegalStateException(
            "the node's settlement state belongs to chain "
                + state.deployment().chainId()
                + ", bridge "
                + state.deployment().contract()
                + ", not to the bridge it is connected to (chain "
                + deployment.chainId()
                + ", bridge "
                + deployment.contract()
                + "): use that bridge, or another data directory");
      }
      return state;
    }
    return SettlementState.genesis(store, deployment, markets);
  }

  /** Whether the store holds no settlement state yet. */
  public static boolean isEmpty(KeyValueStore store) {
    try {
      SettlementState.open(store);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }
}
