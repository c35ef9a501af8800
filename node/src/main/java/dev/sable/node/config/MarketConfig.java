package dev.sable.node.config;

import dev.sable.sequencer.market.MarketSpec;

/**
 * A market listed at genesis: the sequencer's {@link MarketSpec} (docs/sequencer.md, Markets; times
 * in milliseconds, the node's log time unit). {@code devOraclePrice}, when above 0, makes the
 * node's development oracle ({@code DevOracle}) the market's source 0 in the settlement state's
 * genesis and publish that price, signed, until it is moved: development only, until oracle feeds
 * exist.
 */
public record MarketConfig(MarketSpec spec, long devOraclePrice) {}
