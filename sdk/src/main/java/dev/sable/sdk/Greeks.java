package dev.sable.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sensitivities as the node reports them (its OpenAPI schema {@code Greeks}; docs/options.md
 * "Options in the node's API"): delta and gamma in underlying quantity units (gamma per 1% rise of
 * the underlying), vega in collateral units per volatility point, theta in collateral units per
 * day.
 */
public record Greeks(long delta, long gamma, long vega, long theta) {
  /** From a {@code Greeks} or {@code UnderlyingGreeks} object of the API. */
  public static Greeks of(JsonNode g) {
    return new Greeks(
        g.path("delta").asLong(),
        g.path("gamma").asLong(),
        g.path("vega").asLong(),
        g.path("theta").asLong());
  }
}
