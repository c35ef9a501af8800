package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sequencer stream with an option market (a call on perpetual market 0, listed at genesis in both
 * the sequencer and the settlement state) seals batches that the compiled circuit with option rows
 * accepts: the option marks the batch commits to are the sequencer's, the premium moves collateral
 * exactly as in the sequencer, and an option's expiry is refused with its reason.
 */
class OptionBatchesTest {
  static final long DAY = 86_400_000L;
  static final OptionTerms CALL = new OptionTerms(0, OptionKind.CALL, 50_000, 10 * DAY, 1);
  static final long ALICE = 5;
  static final long BOB = 9;

  /** Alice and Bob funded, market 0 priced at 50,000, the call's volatility at 50%. */
  static SequencedWorld funded() {
    SequencedWorld w = SequencedWorld.withOption(Capacities.OPTIONS, CALL);
    w.deposit(ALICE, 100_000_000);
    w.deposit(BOB, 80_000_000);
    w.prices(0, 50_000);
    w.volatility(1, 500_000);
    return w;
  }

  @Test
  void aStreamWithOptionTradesSealsBatchesTheCompiledCircuitAccepts() {
    SequencedWorld w = funded();
    long mark = w.state().market(1).mark();
    assertThat(w.state().market(1).markValid()).isTrue();
    w.limit(ALICE, 1, 1, 1, mark, 1_000); // alice writes 1,000 calls at the mark
    w.limit(BOB, 1, 1, 0, mark, 1_000);
    w.seal();
    w.prices(0, 50_500); // the underlying moves: the call's mark follows
    w.limit(BOB, 1, 2, 1, w.state().market(1).mark(), 400); // bob sells 400 back
    w.limit(ALICE, 1, 2, 0, w.state().market(1).mark(), 400);
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built).hasSize(2);
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    var alice = w.world.state().account(ALICE).orElseThrow();
    assertThat(alice.slots())
        .filteredOn(s -> s.market() == 1)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.size()).isEqualTo(-600);
              assertThat(s.cost()).as("an option position keeps no cost").isZero();
            });
    List<Long> optionElements = new ArrayList<>();
    for (BuiltBatch b : built) {
      var d = b.witness().publicData();
      int at = 8 + 3 * Capacities.OPTIONS.deposits() + 1 + Capacities.OPTIONS.withdrawals();
      BigInteger element = d.get(at + 1).toBigInteger(); // row 1: the call (row 0: market 0)
      assertThat(element.testBit(10)).as("option bit").isTrue();
      assertThat(element.shiftRight(208).longValueExact()).as("volatility").isEqualTo(500_000);
      optionElements.add(
          element
              .shiftRight(80)
              .and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
              .longValueExact());
    }
    assertThat(optionElements)
        .as("published marks")
        .containsExactly(mark, w.state().market(1).mark());
    try (GnarkCircuit circuit =
        GnarkCircuit.compile(SettlementCircuit.layout(Capacities.OPTIONS))) {
      for (BuiltBatch b : built) {
        assertThat(circuit.check(b.gnarkWitness()))
            .as("batch %d", b.number())
            .isEqualTo(new WitnessCheck(""));
      }
    }
  }

  @Test
  void anOptionExpiryIsRefusedWithItsReason() {
    SequencedWorld w = funded();
    long mark = w.state().market(1).mark();
    w.limit(ALICE, 1, 1, 1, mark, 1_000);
    w.limit(BOB, 1, 1, 0, mark, 1_000);
    assertThatThrownBy(() -> w.time(10 * DAY)) // the call expires (halted: its underlying is stale)
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("expired option market 1")
        .hasMessageContaining("no expiry step");
  }

  /** A sweep that would take an option position over is refused (no such step in the circuit). */
  @Test
  void aLiquidationFillOnAnOptionIsRefusedWithItsReason() {
    SequencedWorld w = funded();
    List<Event> sweep =
        List.of(
            new Event.Liquidated((int) BOB, -1, 0),
            new Event.PositionTakeover((int) BOB, 1, 1_000, 2_000, 0));
    assertThatThrownBy(
            () -> w.batcher.accept(1_000, new Command.LiquidationSweep(), Evidence.NONE, sweep))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("no liquidation fill on an option market");
  }

  /** A listing unlike the genesis leaf's terms is refused. */
  @Test
  void anOptionListedWithOtherTermsThanGenesisIsRefused() {
    OptionTerms put = new OptionTerms(0, OptionKind.PUT, 50_000, 10 * DAY, 1);
    assertThatThrownBy(() -> SequencedWorld.withOption(Capacities.OPTIONS, CALL, put))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("unlike the settlement state's genesis");
  }
}
