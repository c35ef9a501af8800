package dev.sable.node.pipeline;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.node.config.MarketConfig;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.store.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's settlement state at genesis: the insurance fund and the configured markets (market id
 * = its place in the configuration, as the sequencer lists them), each with the parameters the
 * circuit checks (the node's times in milliseconds become the settlement's seconds) and no oracle
 * key yet: marks from signed oracle prices come with the sequencer's adapter.
 */
public final class SettlementGenesis {
  private SettlementGenesis() {}

  /** The listed markets of the configuration. */
  public static List<MarketLeafV2> markets(List<MarketConfig> configured) {
    List<MarketLeafV2> out = new ArrayList<>();
    for (int id = 0; id < configured.size(); id++) {
      out.add(MarketLeafV2.listed(id, params(configured.get(id).spec()), List.of()));
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

  static MarketParams params(MarketSpec s) {
    return new MarketParams(
        s.tickSize(),
        s.lotSize(),
        s.initialMarginPpm(),
        s.maintenanceMarginPpm(),
        s.makerFeePpm(),
        s.takerFeePpm(),
        s.maxPosition(),
        s.maxPrice(),
        s.oracleStaleness() / 1000,
        s.fundingInterval() / 1000,
        s.fundingClampPpm());
  }
}
