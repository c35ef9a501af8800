package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.sable.batch.sample.LiquidationSamples;
import dev.sable.batch.sample.PreparedBatch;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The liquidation batches `sable bench prove` proves: the builder accepts them, they fill every
 * step slot of their capacities with the steps the report counts (three per liquidation; the start,
 * the cover and one per ADL fill), the amounts are Go's batchgen figures, and the smallest satisfy
 * the compiled circuit (solver only).
 */
class LiquidationSamplesTest {

  @Test
  void eachTakeoverLiquidationTakesThreeStepsAndPaysItsSurplusToTheFund() {
    PreparedBatch p = LiquidationSamples.takeovers(3);
    BuiltBatch b = p.world().build(p.batch());
    List<StepRow> steps = b.witness().steps();
    assertThat(p.operations()).isEqualTo(3);
    assertThat(b.witness().capacities().steps()).isEqualTo(9).isEqualTo(steps.size());
    assertThat(steps)
        .extracting(StepRow::kind)
        .containsExactlyElementsOf(
            Collections.nCopies(3, List.of(StepKind.LIQUIDATE, StepKind.CLOSE, StepKind.TAKEOVER))
                .stream()
                .flatMap(List::stream)
                .toList());
    assertThat(steps).filteredOn(StepRow::end).hasSize(3);
    assertThat(steps).filteredOn(StepRow::end).extracting(StepRow::surplus).containsOnly(166_400L);
  }

  @Test
  void theAdlSampleCoversNothingAndFillsEveryShortAtTheDeficitPrice() {
    PreparedBatch p = LiquidationSamples.adl(4);
    BuiltBatch b = p.world().build(p.batch());
    List<StepRow> steps = b.witness().steps();
    assertThat(p.operations()).isEqualTo(4);
    assertThat(b.witness().capacities().steps()).isEqualTo(6).isEqualTo(steps.size());
    assertThat(steps)
        .extracting(StepRow::kind)
        .containsExactly(
            StepKind.LIQUIDATE,
            StepKind.COVER,
            StepKind.ADL,
            StepKind.ADL,
            StepKind.ADL,
            StepKind.ADL);
    assertThat(steps)
        .filteredOn(s -> s.kind() == StepKind.ADL)
        .extracting(StepRow::price, StepRow::quantity)
        .containsOnly(tuple(44_025L, 100L));
    assertThat(steps.get(1).covered()).isZero();
  }

  @Test
  void theSmallestSamplesSatisfyTheCompiledCircuit() {
    for (PreparedBatch p : List.of(LiquidationSamples.takeovers(1), LiquidationSamples.adl(1))) {
      BuiltBatch b = p.world().build(p.batch());
      try (GnarkCircuit circuit =
          GnarkCircuit.compile(SettlementCircuit.layout(b.witness().capacities()))) {
        assertThat(circuit.check(b.gnarkWitness())).isEqualTo(new WitnessCheck(""));
      }
    }
  }

  @Test
  void aSampleWithoutLiquidationsIsRefused() {
    assertThatThrownBy(() -> LiquidationSamples.takeovers(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LiquidationSamples.adl(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
