package dev.sable.sequencer.options;

import static dev.sable.sequencer.options.RiskFixtures.CALCULATOR;
import static dev.sable.sequencer.options.RiskFixtures.DAY;
import static dev.sable.sequencer.options.RiskFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.sequencer.market.OptionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The caching calculator: rows kept until an input changes, always equal to fresh ones. */
class RiskRowMemoTest {
  private static final UnderlyingRisk U = RiskFixtures.UNDERLYING;
  private static final RiskInstrument.Option CALL = RiskFixtures.CALL_110;

  private static InstrumentRisk callRow(RiskArraySet set) {
    return set.instruments().stream().filter(r -> r.instrument().market() == 1).findFirst().get();
  }

  @Test
  void aRowIsReusedUntilAMarkAVolatilityARangeOrTheTimeChanges() {
    RiskArrayCalculator cached = CALCULATOR.caching();
    InstrumentRisk first = callRow(cached.compute(NOW, List.of(U), List.of(CALL)));
    assertThat(callRow(cached.compute(NOW, List.of(U), List.of(CALL))))
        .as("same inputs: the very row kept")
        .isSameAs(first);
    var otherVol = new RiskInstrument.Option(1, CALL.spec(), CALL.volPpm() + 1);
    var otherMark = new UnderlyingRisk(0, U.mark() + 1, U.priceRangePpm());
    var otherRange = new UnderlyingRisk(0, U.mark(), U.priceRangePpm() + 10_000);
    List<RiskArraySet> changed =
        List.of(
            cached.compute(NOW, List.of(U), List.of(otherVol)),
            cached.compute(NOW, List.of(otherMark), List.of(CALL)),
            cached.compute(NOW, List.of(otherRange), List.of(CALL)),
            cached.compute(NOW + DAY, List.of(U), List.of(CALL)));
    List<RiskArraySet> fresh =
        List.of(
            CALCULATOR.compute(NOW, List.of(U), List.of(otherVol)),
            CALCULATOR.compute(NOW, List.of(otherMark), List.of(CALL)),
            CALCULATOR.compute(NOW, List.of(otherRange), List.of(CALL)),
            CALCULATOR.compute(NOW + DAY, List.of(U), List.of(CALL)));
    for (int i = 0; i < changed.size(); i++) {
      assertThat(changed.get(i)).as("change %d", i).isEqualTo(fresh.get(i));
      assertThat(callRow(changed.get(i))).as("change %d recomputed", i).isNotEqualTo(first);
    }
    // and back: the original inputs give the original row again
    assertThat(callRow(cached.compute(NOW, List.of(U), List.of(CALL)))).isEqualTo(first);
  }

  @Test
  void aRefusedInputLeavesNoStaleRow() {
    RiskArrayCalculator cached = CALCULATOR.caching();
    cached.compute(NOW, List.of(U), List.of(CALL));
    var badVol = new RiskInstrument.Option(1, CALL.spec(), 1);
    assertThatThrownBy(() -> cached.compute(NOW, List.of(U), List.of(badVol)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(cached.compute(NOW, List.of(U), List.of(CALL)))
        .isEqualTo(CALCULATOR.compute(NOW, List.of(U), List.of(CALL)));
  }

  /** Random streams of inputs that mostly repeat and sometimes change: cached equals uncached. */
  @Property(tries = 50)
  void cachedArraysEqualUncachedOnRandomStreams(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    RiskArrayCalculator cached = CALCULATOR.caching();
    long[] marks = {100_000, 100_000, 100_000};
    long[] vols = {800_000, 600_000, 900_000, 700_000};
    long time = NOW;
    for (int step = 0; step < 60; step++) {
      switch (random.nextInt(6)) {
        case 0 -> marks[random.nextInt(3)] = 50_000 + random.nextLong(100_000);
        case 1 -> vols[random.nextInt(4)] = 50_000 + random.nextLong(2_000_000);
        case 2 -> time += random.nextLong(DAY);
        default -> {} // a check with nothing changed
      }
      List<UnderlyingRisk> underlyings = new ArrayList<>();
      for (int u = 0; u < 3; u++) {
        if (random.nextInt(4) != 0) {
          underlyings.add(new UnderlyingRisk(10 * u, marks[u], 50_000 + 25_000 * u));
        }
      }
      List<RiskInstrument.Option> options = new ArrayList<>();
      for (UnderlyingRisk u : underlyings) {
        for (int k = 0; k < 4; k++) {
          var spec =
              new OptionSpec(
                  u.market(),
                  k % 2 == 0 ? OptionKind.CALL : OptionKind.PUT,
                  80_000 + 10_000 * k,
                  NOW + (k + 1) * 7 * DAY,
                  1,
                  1,
                  1);
          options.add(new RiskInstrument.Option(u.market() + 1 + k, spec, vols[k]));
        }
      }
      assertThat(cached.compute(time, underlyings, options))
          .as("step %d", step)
          .isEqualTo(CALCULATOR.compute(time, underlyings, options));
    }
  }
}
