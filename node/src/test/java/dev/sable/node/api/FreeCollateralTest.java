package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The API's free collateral of an equity clamped to a long (docs/sequencer.md "Bounds"). */
class FreeCollateralTest {
  @Test
  void aClampedEquityMinusARequirementStaysAtTheBottomInsteadOfWrapping() {
    assertThat(AccountRoutes.free(Long.MIN_VALUE, 5)).isEqualTo(Long.MIN_VALUE);
    assertThat(AccountRoutes.free(Long.MIN_VALUE + 4, 5)).isEqualTo(Long.MIN_VALUE);
    assertThat(AccountRoutes.free(Long.MIN_VALUE + 5, 5)).isEqualTo(Long.MIN_VALUE);
    assertThat(AccountRoutes.free(Long.MIN_VALUE + 6, 5)).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(AccountRoutes.free(Long.MAX_VALUE, Long.MAX_VALUE)).isZero();
    assertThat(AccountRoutes.free(100, 30)).isEqualTo(70);
    assertThat(AccountRoutes.free(-100, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
  }
}
