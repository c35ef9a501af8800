package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SettlementTwapTest {

  @Test
  void weightsEachMarkByHowLongItWasInForce() {
    SettlementTwap twap = new SettlementTwap(1_000, 2_000, 100);
    twap.observe(1_250, 200);
    twap.observe(1_500, 300);
    assertThat(twap.complete()).isFalse();
    assertThatThrownBy(twap::price).isInstanceOf(IllegalStateException.class);
    twap.observe(2_300, 1); // after the expiry: does not count
    assertThat(twap.complete()).isTrue();
    assertThat(twap.price()).isEqualTo((100 * 250 + 200 * 250 + 300 * 500) / 1_000);
  }

  @Test
  void roundsHalvesUp() {
    SettlementTwap twap = new SettlementTwap(0, 4, 100);
    twap.observe(2, 101);
    twap.advanceTo(4);
    assertThat(twap.price()).isEqualTo(101); // 100.5
    SettlementTwap below = new SettlementTwap(0, 4, 100);
    below.observe(3, 101);
    below.advanceTo(5);
    assertThat(below.price()).isEqualTo(100); // 100.25
  }

  @Property
  void isExactForLargeMarksAndWindows(
      @ForAll @LongRange(min = 1, max = 1L << 62) long first,
      @ForAll @LongRange(min = 1, max = 1L << 62) long second,
      @ForAll @LongRange(min = 2, max = 1L << 62) long window,
      @ForAll @LongRange(min = 1, max = 1_000) long splitPermille) {
    long split = Math.max(1, Math.min(window - 1, window / 1_000 * splitPermille));
    SettlementTwap twap = new SettlementTwap(0, window, first);
    twap.observe(split, second);
    twap.advanceTo(window);
    BigInteger sum =
        BigInteger.valueOf(first)
            .multiply(BigInteger.valueOf(split))
            .add(BigInteger.valueOf(second).multiply(BigInteger.valueOf(window - split)));
    long expected =
        new BigDecimal(sum)
            .divide(BigDecimal.valueOf(window), 0, RoundingMode.HALF_UP)
            .longValueExact();
    assertThat(twap.price()).isEqualTo(expected);
  }

  @Test
  void refusesMarksOutOfOrder() {
    SettlementTwap twap = new SettlementTwap(0, 100, 5);
    twap.observe(50, 6);
    assertThatThrownBy(() -> twap.observe(49, 7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> twap.observe(60, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SettlementTwap(100, 100, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
