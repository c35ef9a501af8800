package dev.sable.state;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;

/**
 * One market in the market tree, at index = market id: the sequencer's MarketSpec fields the
 * circuit checks, and the market's funding index and mark price. Fractions in ppm (10^6 = 100%);
 * the maker fee may be negative (a rebate).
 *
 * @param fundingIndex cumulative funding, millionths of a collateral unit per quantity unit
 * @param markPrice 0 until the first oracle price
 */
public record MarketLeaf(
    long tickSize,
    long lotSize,
    long initialMarginPpm,
    long maintenanceMarginPpm,
    long makerFeePpm,
    long takerFeePpm,
    long maxPosition,
    long maxPrice,
    long fundingIndex,
    long markPrice) {

  public Fr hash() {
    return Poseidon2.INSTANCE.hash(
        DomainTag.MARKET,
        Fr.ofLong(tickSize),
        Fr.ofLong(lotSize),
        Fr.ofLong(initialMarginPpm),
        Fr.ofLong(maintenanceMarginPpm),
        Fr.ofLong(makerFeePpm),
        Fr.ofLong(takerFeePpm),
        Fr.ofLong(maxPosition),
        Fr.ofLong(maxPrice),
        Fr.ofLong(fundingIndex),
        Fr.ofLong(markPrice));
  }
}
