package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ModelValueTest {

  @Test
  void roundsToTheNearestTickHalvesUp() {
    long half = FixedMath.P_HALF;
    assertThat(new ModelValue(14, half - 1).roundToTick(5)).isEqualTo(15); // 14.49.. -> 15
    assertThat(new ModelValue(12, half - 1).roundToTick(5)).isEqualTo(10); // 12.49.. -> 10
    assertThat(new ModelValue(12, half).roundToTick(5)).isEqualTo(15); // 12.5 -> 15
    assertThat(new ModelValue(10, 0).roundToTick(5)).isEqualTo(10);
    assertThat(new ModelValue(0, half - 1).roundToTick(1)).isEqualTo(0);
    assertThat(new ModelValue(0, half).roundToTick(1)).isEqualTo(1);
    assertThat(new ModelValue(7, 1).ceil()).isEqualTo(8);
    assertThat(new ModelValue(7, 0).ceil()).isEqualTo(7);
  }

  @Property
  void agreesWithDecimalHalfUpRounding(
      @ForAll @LongRange(min = 0, max = 1L << 62) long units,
      @ForAll @LongRange(min = 0, max = (1L << 62) - 1) long fraction,
      @ForAll @LongRange(min = 1, max = 1L << 62) long tick) {
    BigDecimal value =
        BigDecimal.valueOf(units).add(new BigDecimal(fraction).divide(new BigDecimal(1L << 62)));
    BigDecimal expected =
        value
            .divide(BigDecimal.valueOf(tick), 0, RoundingMode.HALF_UP)
            .multiply(BigDecimal.valueOf(tick));
    if (expected.toBigIntegerExact().bitLength() < 64) {
      assertThat(new ModelValue(units, fraction).roundToTick(tick))
          .isEqualTo(expected.longValueExact());
    }
  }

  @Test
  void refusesNegativeValuesAndFractionsOutOfRange() {
    assertThatThrownBy(() -> new ModelValue(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelValue(0, FixedMath.P_ONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelValue(1, 0).roundToTick(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
