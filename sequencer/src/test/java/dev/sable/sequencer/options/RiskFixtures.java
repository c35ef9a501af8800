package dev.sable.sequencer.options;

import dev.sable.sequencer.market.OptionKind;
import java.util.List;

/**
 * A small market used by the risk tests: one underlying at 100,000 with a 10% range, two options.
 */
final class RiskFixtures {
  static final long DAY = 86_400_000L;
  static final long NOW = 1_000 * DAY;
  static final RiskArrayCalculator CALCULATOR =
      new RiskArrayCalculator(ScenarioGrid.V1, TimeBasis.MILLISECONDS);
  static final UnderlyingRisk UNDERLYING = new UnderlyingRisk(0, 100_000, 100_000);
  static final RiskInstrument.Option CALL_110 =
      new RiskInstrument.Option(
          1, new OptionSpec(0, OptionKind.CALL, 110_000, NOW + 30 * DAY, 10, 5, 1), 800_000);
  static final RiskInstrument.Option PUT_90_EXPIRING =
      new RiskInstrument.Option(
          2, new OptionSpec(0, OptionKind.PUT, 90_000, NOW + 12 * 3_600_000L, 10, 5, 1), 650_000);

  private RiskFixtures() {}

  static RiskArraySet small() {
    return CALCULATOR.compute(NOW, List.of(UNDERLYING), List.of(CALL_110, PUT_90_EXPIRING));
  }

  static RiskInstrument.Option option(
      int market, OptionKind kind, long strike, long days, long vol) {
    return new RiskInstrument.Option(
        market, new OptionSpec(0, kind, strike, NOW + days * DAY, 1, 1, 1), vol);
  }
}
