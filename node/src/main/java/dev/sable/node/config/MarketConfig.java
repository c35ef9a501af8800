package dev.sable.node.config;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionTerms;

/**
 * A market listed at genesis: the sequencer's {@link MarketSpec} (docs/sequencer.md, Markets; times
 * in milliseconds, the node's log time unit), and for a European option its {@link OptionTerms}
 * (docs/options.md; null for a perpetual). {@code devOraclePrice}, when above 0, makes the node's
 * development oracle ({@code DevOracle}) the market's source 0 and publish that value until it is
 * moved: a perpetual's price (signed, and in the settlement state's genesis), or an option's
 * volatility in ppm per year (unsigned: the settlement circuit takes it as the operator's word,
 * docs/node.md "Option markets"). Development only, until oracle feeds exist.
 */
public record MarketConfig(MarketSpec spec, long devOraclePrice, OptionTerms option) {
  public boolean isOption() {
    return option != null;
  }
}
