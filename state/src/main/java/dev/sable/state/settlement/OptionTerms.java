package dev.sable.state.settlement;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import java.util.ArrayList;
import java.util.List;

/**
 * An option market's contract terms, fixed at listing and hashed into its market leaf in place of
 * the perpetual's parameter hash (docs/settlement.md, "Option markets"; Go ledger.OptionTerms).
 *
 * @param underlyingMarket the perpetual market's id
 * @param kind {@link #CALL} or {@link #PUT}
 * @param strike collateral units per underlying quantity unit
 * @param expiry log time
 * @param contractSize underlying quantity units per option quantity unit
 */
public record OptionTerms(
    long underlyingMarket, int kind, long strike, long expiry, long contractSize) {
  public static final int CALL = 0;
  public static final int PUT = 1;

  public OptionTerms {
    if (underlyingMarket < 0 || underlyingMarket >= SettlementLayout.MARKETS) {
      throw new IllegalArgumentException("underlying market " + underlyingMarket + " out of range");
    }
    if (kind != CALL && kind != PUT) {
      throw new IllegalArgumentException("option kind " + kind + " is neither call nor put");
    }
    if (strike < 1 || expiry < 1 || contractSize < 1) {
      throw new IllegalArgumentException("strike, expiry and contract size must be positive");
    }
  }

  /**
   * H(TAG_OPTION_PARAMS, the 11 parameters, underlying, kind, strike, expiry, contractSize): the
   * option leaf's paramsHash.
   */
  public Fr paramsHash(MarketParams params) {
    List<Fr> elements = new ArrayList<>(17);
    elements.add(DomainTag.OPTION_PARAMS);
    elements.addAll(params.elements());
    for (long v : new long[] {underlyingMarket, kind, strike, expiry, contractSize}) {
      elements.add(Fr.ofLong(v));
    }
    return Poseidon2.INSTANCE.hash(elements.toArray(Fr[]::new));
  }
}
