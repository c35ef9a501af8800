package dev.sable.node.config;

import dev.sable.sequencer.market.MarketSpec;

/**
 * A market listed at genesis: the sequencer's {@link MarketSpec} (docs/sequencer.md, Markets; times
 * in milliseconds, the node's log time unit). {@code devOraclePrice}, when above 0, makes the node
 * publish that price as the market's only oracle source every second: development only, until
 * signed oracle feeds exist.
 */
public record MarketConfig(MarketSpec spec, long devOraclePrice) {}
