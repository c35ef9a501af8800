package dev.sable.node.pipeline;

import dev.sable.batch.Capacities;
import dev.sable.batch.sequencer.SettlementMarkets;
import dev.sable.batch.verify.MarketListing;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.node.config.MarketConfig;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.settlement.SettlementView;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.store.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's settlement state at genesis: the insurance fund and the configured markets (market id
 * = its place in the configuration, as the sequencer lists them), each with the parameters the
 * circuit checks, as the sequencer's adapter reads them ({@link SettlementMarkets}: times in the
 * log's unit, milliseconds), an option with its terms (docs/settlement.md, "Option markets"), and
 * as its oracle source 0 the development oracle's key when the market has a development price or
 * volatility (else no source: no perpetual's mark can be valid in the settlement state).
 */
public final class SettlementGenesis {
  private SettlementGenesis() {}

  /**
   * The listed markets of the configuration, for the circuit at {@code capacities}; {@code
   * devOracle} is the development oracle's key.
   *
   * @throws IllegalArgumentException when an option is configured and the circuit has no option
   *     rows (its leaf would have no terms the circuit reads)
   */
  public static List<MarketLeafV2> markets(
      List<MarketConfig> configured, KeyPoint devOracle, Capacities capacities) {
    List<MarketLeafV2> out = new ArrayList<>();
    for (int id = 0; id < configured.size(); id++) {
      MarketConfig m = configured.get(id);
      MarketParams params = SettlementMarkets.params(m.spec());
      List<KeyPoint> keys = m.devOraclePrice() > 0 ? List.of(devOracle) : List.of();
      if (!m.isOption()) {
        out.add(MarketLeafV2.listed(id, params, keys));
      } else if (capacities.options()) {
        out.add(MarketLeafV2.listedOption(id, params, keys, SettlementMarkets.terms(m.option())));
      } else {
        throw new IllegalArgumentException(
            "market "
                + id
                + " is an option, and the settlement circuit "
                + capacities.circuitName()
                + " has no option rows: use a -opt circuit (pipeline.capacities"
                + " tiny_l2_q1_opt_owner)");
      }
    }
    return out;
  }

  /**
   * The configured markets as a verifier reads the listing (market id = place; an option's terms
   * with its tick and lot): what {@code sable verify} prices option rows with.
   */
  public static MarketListing listing(List<MarketConfig> configured) {
    return MarketListing.inOrder(
        configured.stream()
            .map(
                m ->
                    m.isOption()
                        ? Optional.of(OptionSpec.of(m.spec(), m.option()))
                        : Optional.<OptionSpec>empty())
            .toList());
  }

  /** The global root of the genesis state (it does not depend on the deployment). */
  public static Fr root(List<MarketLeafV2> markets) {
    try (KeyValueStore scratch = new InMemoryKeyValueStore()) {
      return SettlementState.genesis(scratch, new Deployment(1, Fr.ZERO), markets).root();
    }
  }

  /**
   * The genesis state in memory, as the sequencer's batcher starts from it (its markets, deposit
   * count and time do not depend on the deployment).
   */
  public static SettlementView view(List<MarketLeafV2> markets) {
    return SettlementState.genesis(
        new InMemoryKeyValueStore(), new Deployment(1, Fr.ZERO), markets);
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
