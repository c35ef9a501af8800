package dev.sable.node.config;

import dev.sable.sequencer.market.MarketSpec;

/**
 * A market listed at genesis (docs/sequencer.md, Markets; times in milliseconds, the node's log
 * time unit). {@code devOraclePrice}, when above 0, makes the node publish that price as the
 * market's only oracle source every second: development only, until signed oracle feeds exist.
 */
public record MarketConfig(
    String symbol,
    long tickSize,
    long lotSize,
    long initialMarginPpm,
    long maintenanceMarginPpm,
    long makerFeePpm,
    long takerFeePpm,
    long maxPosition,
    long maxPrice,
    int oracleSources,
    long oracleStalenessMs,
    long fundingIntervalMs,
    long fundingClampPpm,
    long impactQuantity,
    long devOraclePrice) {

  public MarketSpec spec() {
    return new MarketSpec(
        symbol,
        tickSize,
        lotSize,
        initialMarginPpm,
        maintenanceMarginPpm,
        makerFeePpm,
        takerFeePpm,
        maxPosition,
        maxPrice,
        oracleSources,
        oracleStalenessMs,
        fundingIntervalMs,
        fundingClampPpm,
        impactQuantity);
  }
}
