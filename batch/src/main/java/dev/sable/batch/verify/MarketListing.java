package dev.sable.batch.verify;

import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.OptionTerms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The markets a deployment lists at genesis (every market there is: markets are listed only at
 * genesis, and the genesis root, batch 1's old root, commits to their leaves), as a verifier reads
 * them: which ids are listed, and each option's pricing parameters (its leaf's terms with its tick
 * and lot).
 */
public final class MarketListing {
  private final Map<Long, Optional<OptionSpec>> markets;

  private MarketListing(Map<Long, Optional<OptionSpec>> markets) {
    this.markets = markets;
  }

  /** The listing of these genesis leaves. */
  public static MarketListing ofGenesis(List<MarketLeafV2> genesis) {
    Map<Long, Optional<OptionSpec>> markets = new HashMap<>();
    for (MarketLeafV2 leaf : genesis) {
      markets.put(leaf.id(), Optional.ofNullable(leaf.option()).map(t -> spec(leaf, t)));
    }
    return new MarketListing(markets);
  }

  /**
   * The listing of markets 0, 1, ... in this order (a node's configured markets: the id is the
   * place), each an option's pricing parameters or empty for a perpetual.
   */
  public static MarketListing inOrder(List<Optional<OptionSpec>> markets) {
    Map<Long, Optional<OptionSpec>> byId = new HashMap<>();
    for (int id = 0; id < markets.size(); id++) {
      byId.put((long) id, markets.get(id));
    }
    return new MarketListing(byId);
  }

  /** Whether {@code market} is listed. */
  public boolean listed(long market) {
    return markets.containsKey(market);
  }

  /** The option's pricing parameters, or empty for a perpetual or a market not listed. */
  public Optional<OptionSpec> option(long market) {
    return markets.getOrDefault(market, Optional.empty());
  }

  private static OptionSpec spec(MarketLeafV2 leaf, OptionTerms t) {
    return new OptionSpec(
        Math.toIntExact(t.underlyingMarket()),
        t.kind() == OptionTerms.CALL ? OptionKind.CALL : OptionKind.PUT,
        t.strike(),
        t.expiry(),
        t.contractSize(),
        leaf.params().tickSize(),
        leaf.params().lotSize());
  }
}
