package dev.sable.sequencer.options;

/**
 * An underlying's inputs to a batch's risk arrays, all public: its mark and its price range (from
 * its realized volatility, {@link RiskScaling}).
 *
 * @param market the perpetual market id, below {@link RiskInstrument#MARKET_LIMIT}
 * @param mark its mark price at the batch's risk time, > 0
 * @param priceRangePpm the scenario price range, in (0, 500,000]
 */
public record UnderlyingRisk(int market, long mark, long priceRangePpm) {
  /** Ranges above 50% are refused: twice the range, the extreme move, is then at most 100%. */
  public static final long MAX_RANGE_PPM = 500_000;

  public boolean isValid() {
    return RiskInstrument.isMarketId(market)
        && mark > 0
        && priceRangePpm > 0
        && priceRangePpm <= MAX_RANGE_PPM;
  }
}
