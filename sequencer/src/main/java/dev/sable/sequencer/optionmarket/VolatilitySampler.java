package dev.sable.sequencer.optionmarket;

import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Market;
import dev.sable.sequencer.core.MarketControl;
import dev.sable.sequencer.options.RealizedVolatility;
import dev.sable.sequencer.options.VolatilityRiskRule;

/**
 * Samples the realized volatility of every perpetual that underlies a listed option, at each time
 * tick (after the marks), from its mark at the log's now: the first sample with a valid mark starts
 * the estimate, later ones update it when at least the estimator's interval has passed ({@link
 * VolatilityRiskRule#V1}). A changed estimate sets the underlying's portfolio scenario range and
 * emits {@code RiskRange}. Nothing else moves it, so it is a function of the logged ticks and marks
 * only.
 */
public final class VolatilitySampler {
  private static final VolatilityRiskRule RULE = VolatilityRiskRule.V1;
  private final ExchangeState state;
  private final MarketControl markets;

  public VolatilitySampler(ExchangeState state, MarketControl markets) {
    this.state = state;
    this.markets = markets;
  }

  /** Samples every underlying of an option whose mark is valid. */
  public void sampleAll() {
    long underlyings = 0; // a bit per market id (at most 64 markets)
    for (Market m : state.markets()) {
      if (m.isOption()) {
        underlyings |= 1L << m.option().underlyingMarket();
      }
    }
    for (long bits = underlyings; bits != 0; bits &= bits - 1) {
      sample(state.market(Long.numberOfTrailingZeros(bits)));
    }
  }

  private void sample(Market u) {
    if (!u.markValid()) {
      return;
    }
    RealizedVolatility.State before =
        VolatilityRiskRule.estimate(u.realizedTime(), u.realizedPrice(), u.realizedVariance());
    RealizedVolatility estimator = RULE.estimator();
    RealizedVolatility.State after =
        before == null
            ? estimator.start(state.now(), u.mark())
            : estimator.observe(before, state.now(), u.mark());
    if (!after.equals(before)) {
      markets.setRealized(
          u,
          after.lastTime(),
          after.lastPrice(),
          after.variancePpm2(),
          after.volPpm(),
          RULE.range(u.spec().maintenanceMarginPpm(), after));
    }
  }
}
