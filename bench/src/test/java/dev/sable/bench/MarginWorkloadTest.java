package dev.sable.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.PortfolioMargin;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import org.junit.jupiter.api.Test;

/** The margin benchmark measures what issue #12 describes: 50 options and 2 perpetuals. */
class MarginWorkloadTest {

  @Test
  void accountsHoldFiftyOptionsAndTwoPerpetuals() {
    MarginWorkload w = new MarginWorkload();
    RiskArraySet arrays = w.arrays();
    assertThat(arrays.instruments()).hasSize(MarginWorkload.POSITIONS);
    long options =
        arrays.instruments().stream()
            .map(InstrumentRisk::instrument)
            .filter(i -> i instanceof RiskInstrument.Option)
            .count();
    assertThat(options).isEqualTo(50);
    assertThat(arrays.underlyings()).hasSize(2);
    assertThat(w.markets()).hasSize(MarginWorkload.POSITIONS);
    for (int a = 0; a < MarginWorkload.ACCOUNTS; a++) {
      assertThat(w.sizes(a)).hasSize(MarginWorkload.POSITIONS).doesNotContain(0L);
    }
  }

  @Test
  void everyCheckFindsARequirement() {
    MarginWorkload w = new MarginWorkload();
    PortfolioMargin margin = w.margin();
    for (int a = 0; a < MarginWorkload.ACCOUNTS; a++) {
      long m = margin.maintenance(w.markets(), w.sizes(a), MarginWorkload.POSITIONS);
      assertThat(m).isPositive();
      assertThat(margin.maintenance(w.markets(), w.sizes(a), MarginWorkload.POSITIONS))
          .isEqualTo(m);
    }
  }

  @Test
  void theCachedCheckFindsTheSameRequirement() {
    MarginWorkload w = new MarginWorkload();
    PortfolioMargin margin = w.margin();
    for (int a = 0; a < MarginWorkload.ACCOUNTS; a++) {
      assertThat(w.cachedMargin().maintenance(w.markets(), w.sizes(a), MarginWorkload.POSITIONS))
          .isEqualTo(margin.maintenance(w.markets(), w.sizes(a), MarginWorkload.POSITIONS));
    }
  }
}
