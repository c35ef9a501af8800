package dev.sable.sequencer.state;

import dev.sable.sequencer.crypto.DomainTag;
import dev.sable.sequencer.crypto.Fr;
import dev.sable.sequencer.crypto.Poseidon2;

/**
 * One market in the market tree, at index = market id: the parameters the circuit's margin and
 * funding checks read. Rates are in basis points; fees may be negative (rebates).
 *
 * @param tickValue collateral units per (1 tick x 1 lot)
 * @param fundingIndex cumulative funding, collateral units per lot, signed
 */
public record MarketLeaf(
    long tickValue,
    long initialMarginBps,
    long maintenanceMarginBps,
    long makerFeeBps,
    long takerFeeBps,
    long fundingIndex,
    long markPriceTicks,
    long maxPositionLots) {

  public Fr hash() {
    return Poseidon2.INSTANCE.hash(
        DomainTag.MARKET,
        Fr.ofLong(tickValue),
        Fr.ofLong(initialMarginBps),
        Fr.ofLong(maintenanceMarginBps),
        Fr.ofLong(makerFeeBps),
        Fr.ofLong(takerFeeBps),
        Fr.ofLong(fundingIndex),
        Fr.ofLong(markPriceTicks),
        Fr.ofLong(maxPositionLots));
  }
}
