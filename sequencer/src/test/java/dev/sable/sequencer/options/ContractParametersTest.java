package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.Scenario.VolMove;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parameter records refuse inconsistent values, so nothing downstream meets them. */
class ContractParametersTest {
  private static final OptionSpec SPEC = new OptionSpec(0, OptionKind.CALL, 100, 10, 5, 1, 1);
  private static final long DAY = 86_400_000L;

  @Test
  void optionSpecs() {
    assertThat(SPEC.isValid()).isTrue();
    assertThat(SPEC.series()).isEqualTo(new OptionSeries(0, 10, 100));
    assertThat(new OptionSpec(-1, OptionKind.CALL, 100, 10, 5, 1, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, null, 100, 10, 5, 1, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, OptionKind.PUT, 0, 10, 5, 1, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, OptionKind.PUT, 100, 0, 5, 1, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, OptionKind.PUT, 100, 10, 0, 1, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, OptionKind.PUT, 100, 10, 5, 0, 1).isValid()).isFalse();
    assertThat(new OptionSpec(0, OptionKind.PUT, 100, 10, 5, 1, 0).isValid()).isFalse();
    long big = MarketSpec.MAX_NOTIONAL / 4;
    assertThat(new OptionSpec(0, OptionKind.PUT, big, 10, 4, 1, 1).isValid()).isTrue();
    assertThat(new OptionSpec(0, OptionKind.PUT, big + 1, 10, 4, 1, 1).isValid()).isFalse();
  }

  @Test
  void volatilityQuotes() {
    OptionSeries series = SPEC.series();
    assertThat(new VolatilityQuote(series, 0, 650_000, 5).isValid()).isTrue();
    assertThat(new VolatilityQuote(series, 0, VolatilityQuote.MIN_VOL_PPM - 1, 5).isValid())
        .isFalse();
    assertThat(new VolatilityQuote(series, 0, VolatilityQuote.MAX_VOL_PPM + 1, 5).isValid())
        .isFalse();
    assertThat(new VolatilityQuote(series, -1, 650_000, 5).isValid()).isFalse();
    assertThat(new VolatilityQuote(null, 0, 650_000, 5).isValid()).isFalse();
    assertThat(new VolatilityQuote(series, 0, 650_000, -1).isValid()).isFalse();
  }

  @Test
  void timeBasisAndTimeToExpiry() {
    assertThat(TimeBasis.MILLISECONDS.unitsPerYear()).isEqualTo(31_536_000_000L);
    assertThatThrownBy(() -> new TimeBasis(0)).isInstanceOf(IllegalArgumentException.class);
    TimeToExpiry quarter = TimeToExpiry.between(0, 365 * DAY / 4, TimeBasis.MILLISECONDS);
    assertThat(quarter.sqrtYearsQ()).isEqualTo(1L << 55); // sqrt(1/4) = 1/2 exactly
    assertThat(quarter.after(365 * DAY / 8, TimeBasis.MILLISECONDS).units())
        .isEqualTo(365 * DAY / 8);
    assertThat(quarter.after(365 * DAY, TimeBasis.MILLISECONDS)).isEqualTo(TimeToExpiry.EXPIRED);
    assertThat(TimeToExpiry.between(5, 3, TimeBasis.MILLISECONDS).expired()).isTrue();
  }

  @Test
  void scenariosAndTheirPrices() {
    Scenario up = new Scenario(1, 3, VolMove.UP, 1_000_000);
    assertThat(up.price(100_000, 100_000)).isEqualTo(103_333);
    assertThat(new Scenario(-1, 3, VolMove.UP, 1_000_000).price(100_000, 100_000))
        .isEqualTo(96_667);
    assertThat(new Scenario(-2, 1, VolMove.UP, 1_000_000).price(100, 500_000)).isEqualTo(1);
    assertThat(new Scenario(7, 3, VolMove.UP, 1_000_000).isValid()).isFalse();
    assertThat(new Scenario(1, 0, VolMove.UP, 1_000_000).isValid()).isFalse();
    assertThat(new Scenario(1, 3, VolMove.UP, 0).isValid()).isFalse();
    assertThat(new Scenario(1, 3, null, 1).isValid()).isFalse();
  }

  @Test
  void volatilityShiftsScaleWithTermAndStayBounded() {
    VolatilityShift shift = ScenarioGrid.V1.volShift();
    TimeBasis b = TimeBasis.MILLISECONDS;
    TimeToExpiry month = TimeToExpiry.between(0, 30 * DAY, b);
    assertThat(shift.shifted(500_000, VolMove.UP, month, b)).isEqualTo(650_000);
    assertThat(shift.shifted(500_000, VolMove.DOWN, month, b)).isEqualTo(400_000);
    // a week: the shifts grow by sqrt(30/7) = 2.0702: +62.1059%, -41.404% (rounded outward)
    TimeToExpiry week = TimeToExpiry.between(0, 7 * DAY, b);
    assertThat(shift.shifted(500_000, VolMove.UP, week, b)).isEqualTo(810_530);
    assertThat(shift.shifted(500_000, VolMove.DOWN, week, b)).isEqualTo(292_980);
    // an hour: capped at +100% and -50%; a low volatility never goes under the 1% floor
    TimeToExpiry hour = TimeToExpiry.between(0, DAY / 24, b);
    assertThat(shift.shifted(500_000, VolMove.UP, hour, b)).isEqualTo(1_000_000);
    assertThat(shift.shifted(500_000, VolMove.DOWN, hour, b)).isEqualTo(250_000);
    assertThat(shift.shifted(15_000, VolMove.DOWN, hour, b)).isEqualTo(10_000);
    assertThat(shift.shifted(9_000_000, VolMove.UP, hour, b))
        .isEqualTo(VolatilityQuote.MAX_VOL_PPM);
  }

  @Test
  void gridsAreValidatedAndVersioned() {
    assertThat(ScenarioGrid.V1.size()).isEqualTo(16);
    assertThat(ScenarioGrid.ofVersion(1)).isSameAs(ScenarioGrid.V1);
    assertThatThrownBy(() -> ScenarioGrid.ofVersion(2)).hasMessageContaining("unknown");
    VolatilityShift v = ScenarioGrid.V1.volShift();
    assertThatThrownBy(() -> new ScenarioGrid(2, List.of(), v, 1, 10_000, 1_250_000))
        .isInstanceOf(IllegalArgumentException.class);
    Scenario s = new Scenario(1, 3, VolMove.UP, 1_000_000);
    assertThatThrownBy(() -> new ScenarioGrid(2, List.of(s), v, 1, 10_000, 900_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ScenarioGrid(2, List.of(s), v, 1, 10_000, 1_000_000).size()).isEqualTo(1);
  }
}
