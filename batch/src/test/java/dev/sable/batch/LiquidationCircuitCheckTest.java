package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.prover.WitnessCheck;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.SettlementLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Liquidation batches built by Java from its own sample world (not from Go's vectors) satisfy the
 * compiled settlement circuit with liquidation steps at the TinySweep capacities, checked through
 * JNI without proving; a step altered after the builder is caught in the circuit's step that
 * enforces its rule. The history is Go's batchgen.TinySweepScenario, written again here: its
 * liquidation batches use every step kind (the amounts are worked out in its comment).
 */
class LiquidationCircuitCheckTest {
  static final long BTC = 3;
  static final long DAVE = 21;
  static final long ERIN = 22;
  static final long FRANK = 23;
  static final long GINA = 24;
  static final long KATE = 28;

  @RegisterExtension
  static final CompiledSettlement circuit = new CompiledSettlement(Capacities.TINY_SWEEP);

  /** The batches with liquidation steps, in order: dave, the unwind, gina, kate. */
  static List<BuiltBatch> sweeps() {
    SampleWorld w = new SampleWorld(Capacities.TINY_SWEEP, BTC);
    Deposit d = w.deposit(SettlementLayout.FUND_ACCOUNT, 100_000);
    Deposit fund = new Deposit(0, d.amount(), d.sender(), KeyPoint.NONE, d.blinding(), false);
    w.apply(batch(100, List.of(w.price(BTC, 0, 50_000, 99)), List.of(w.deposit(ERIN, 60_000_000))));
    long time = 101;
    for (Deposit dep :
        List.of(
            fund,
            w.deposit(DAVE, 6_000_000),
            w.deposit(FRANK, 60_000_000),
            w.deposit(GINA, 600_000),
            w.deposit(KATE, 400_000))) {
      w.apply(batch(time++, List.of(), List.of(dep)));
    }
    w.apply(erinSells(w, 110, DAVE, 1, 50_000, 1_000));
    List<BuiltBatch> out = new ArrayList<>();
    out.add(
        w.apply(
            sweep(
                200,
                List.of(w.price(BTC, 0, 45_000, 199)),
                new Liquidation(
                    DAVE,
                    List.of(SampleWorld.close(w.order(FRANK, BTC, 1, 0, 43_000, 400), 400, 43_000)),
                    List.of(new Takeover(BTC, 600, 45_000)),
                    Optional.empty(),
                    166_400,
                    0,
                    0),
                List.of())));
    Close unwind = SampleWorld.close(w.order(ERIN, BTC, 2, 0, 44_900, 600), 600, 44_900);
    out.add(w.apply(sweep(210, List.of(), null, List.of(unwind))));
    w.apply(erinSells(w, 220, GINA, 3, 45_000, 100));
    out.add(
        w.apply(
            sweep(
                300,
                List.of(w.price(BTC, 0, 35_000, 299)),
                new Liquidation(
                    GINA,
                    List.of(),
                    List.of(),
                    Optional.of(
                        new Deleveraging(192_930, List.of(new AdlFill(ERIN, BTC, 100, 37_094)))),
                    0,
                    0,
                    0),
                List.of())));
    w.apply(erinSells(w, 305, KATE, 4, 35_000, 100));
    out.add(
        w.apply(
            sweep(
                400,
                List.of(w.price(BTC, 0, 32_000, 399)),
                new Liquidation(
                    KATE,
                    List.of(SampleWorld.close(w.order(FRANK, BTC, 2, 0, 31_000, 100), 100, 31_000)),
                    List.of(),
                    Optional.empty(),
                    0,
                    0,
                    3_300),
                List.of())));
    return out;
  }

  static SettlementBatch batch(long time, List<SignedPrice> prices, List<Deposit> deposits) {
    return new SettlementBatch(time, List.of(), prices, deposits, List.of(), List.of());
  }

  /** Erin's ask (order id) filled by the buyer's bid (order 1) for q at price. */
  static SettlementBatch erinSells(
      SampleWorld w, long time, long buyer, long id, long price, long q) {
    Trade t =
        SampleWorld.trade(
            w.order(ERIN, BTC, id, 1, price, q), w.order(buyer, BTC, 1, 0, price, q), q, price);
    return new SettlementBatch(time, List.of(), List.of(), List.of(), List.of(t), List.of());
  }

  static SettlementBatch sweep(
      long time, List<SignedPrice> prices, Liquidation liquidation, List<Close> unwinds) {
    return new SettlementBatch(
        time,
        List.of(),
        prices,
        List.of(),
        List.of(),
        List.of(),
        liquidation == null ? List.of() : List.of(liquidation),
        unwinds);
  }

  @Test
  void everyLiquidationBatchJavaBuildsSatisfiesTheCircuit() {
    List<BuiltBatch> sweeps = sweeps();
    List<StepKind> kinds = new ArrayList<>();
    for (BuiltBatch b : sweeps) {
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d", b.number())
          .isEqualTo(new WitnessCheck(""));
      b.witness().steps().forEach(s -> kinds.add(s.kind()));
    }
    assertThat(kinds).containsAll(List.of(StepKind.values()));
    assertThat(sweeps.get(2).accountsAfter())
        .as("gina keeps 80 after the ADL fill at 37,094")
        .extracting(a -> a.collateral())
        .contains(80L);
  }

  @Test
  void anAdlPriceAlteredAfterTheBuilderIsCaughtWhereTheRuleIsEnforced() {
    SettlementWitness honest = sweeps().get(2).witness();
    List<StepRow> steps = new ArrayList<>(honest.steps());
    StepRow s = steps.get(2);
    assertThat(s.kind()).isEqualTo(StepKind.ADL);
    steps.set(
        2,
        new StepRow(
            s.kind(),
            s.end(),
            s.accountRow(),
            s.slot(),
            s.otherRow(),
            s.otherSlot(),
            s.order(),
            s.quantity(),
            s.price() - 10,
            s.makerFee(),
            s.takerFee(),
            s.first(),
            s.hold(),
            s.holdSlot(),
            s.holdFundSlot(),
            s.covered(),
            s.surplus(),
            s.uncovered()));
    SettlementWitness cheaper = ForgedWitness.of(honest).steps(steps).build();
    WitnessCheck check = circuit.check(SettlementCircuit.witness(cheaper));
    assertThat(check.satisfied()).isFalse();
    assertThat(check.failure())
        .startsWith(Capacities.TINY_SWEEP.circuitName() + ": constraint #")
        .contains("settlement.(*batch).deleverage");
  }
}
