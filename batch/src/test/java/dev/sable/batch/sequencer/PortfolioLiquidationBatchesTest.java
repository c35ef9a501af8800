package dev.sable.batch.sequencer;

import static dev.sable.batch.sequencer.PortfolioBatchesTest.ALICE;
import static dev.sable.batch.sequencer.PortfolioBatchesTest.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.StepKind;
import dev.sable.batch.StepRow;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.margin.Margin;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A portfolio account's liquidation and forced request, from a sequencer stream to batches the
 * compiled -l2-q1-opt-pm circuit accepts (docs/settlement.md "Portfolio margin in the circuit"):
 * the sequencer liquidates alice below her portfolio maintenance and pays her forced request down
 * to her portfolio initial requirement; the batcher seals both, the builder proves them with the
 * sequencer's own risk arrays, and the settlement state ends equal to the sequencer's.
 */
class PortfolioLiquidationBatchesTest {
  /** PORTFOLIO with two liquidation steps and a forced request slot. */
  static final Capacities CAPS =
      Capacities.slots(3, 3, 4, 3, 4, 3, 2)
          .steps(2)
          .requests(1)
          .options(true)
          .portfolio(true)
          .build();

  /** CAPS with four liquidation steps and no request slot: the fund takes two positions over. */
  static final Capacities FOUR_STEPS =
      Capacities.slots(3, 3, 4, 3, 4, 3, 2).steps(4).options(true).portfolio(true).build();

  @RegisterExtension static final CompiledSettlement circuit = new CompiledSettlement(CAPS);

  @RegisterExtension static final CompiledSettlement fourSteps = new CompiledSettlement(FOUR_STEPS);

  private static List<BuiltBatch> provenAll(SequencedWorld w) {
    return w.provenAll(circuit);
  }

  /**
   * Alice (portfolio margin, 8,000,000) buys 1,000 of the perpetual at 50,000; at 43,000 her equity
   * (975,000 after the fee) is below her portfolio maintenance (2,150,000: the perpetual's scenario
   * range is its 5% maintenance rate in this world, so the figure is the cross one too; Go's
   * TestPortfolioAccountLiquidatedByTheCrossRuleIsRejected separates them), the sweep liquidates
   * her and the fund takes her position over; the batch proves.
   */
  @Test
  void aPortfolioAccountLiquidatedByItsPortfolioMaintenanceProves() {
    SequencedWorld w = PortfolioBatchesTest.funded(CAPS, 8_000_000, true);
    w.limit(CAROL, 0, 1, 1, 50_000, 1_000);
    w.limit(ALICE, 0, 1, 0, 50_000, 1_000);
    provenAll(w);
    w.time(w.now() + 1);
    w.prices(0, 43_000);
    Margin margin = new Margin(w.state());
    var alice = w.state().account((int) ALICE);
    long portfolio = margin.maintenanceRequirement(alice);
    assertThat(alice.portfolioMargin()).isTrue();
    assertThat(portfolio).isEqualTo(2_150_000);
    List<Event> sweep = w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    assertThat(sweep).contains(new Event.Liquidated((int) ALICE, 975_000, portfolio));
    List<BuiltBatch> built = provenAll(w);
    assertThat(built.getLast().witness().steps()).isNotEmpty();
    assertThat(w.state().account((int) ALICE).size(0)).isZero();
  }

  /**
   * Alice's covered call (long 1,000 of the perpetual, short 1,000 calls on it) falls under her
   * portfolio maintenance when the underlying drops to 43,000: the sweep liquidates her by the
   * portfolio requirement, the book holds no order to close into, and the fund takes both positions
   * over (the call at the option's mark, its premium moved to collateral); every batch proves and
   * the settlement state ends equal to the sequencer's.
   */
  @Test
  void aPortfolioAccountHoldingAnOptionLiquidatedByItsPortfolioMaintenanceProves() {
    SequencedWorld w = PortfolioBatchesTest.funded(FOUR_STEPS, 8_000_000, true);
    PortfolioBatchesTest.coveredCall(w);
    w.provenAll(fourSteps);
    w.time(w.now() + 1);
    w.prices(0, 43_000);
    Margin margin = new Margin(w.state());
    var alice = w.state().account((int) ALICE);
    long equity = margin.equity(alice);
    long portfolio = margin.maintenanceRequirement(alice);
    assertThat(alice.portfolioMargin()).isTrue();
    assertThat(equity).isPositive().isLessThan(portfolio);
    long callMark = w.state().market(1).mark();
    List<Event> sweep = w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    assertThat(sweep)
        .contains(new Event.Liquidated((int) ALICE, equity, portfolio))
        .filteredOn(Event.PositionTakeover.class::isInstance)
        .map(Event.PositionTakeover.class::cast)
        .extracting(Event.PositionTakeover::market, Event.PositionTakeover::size)
        .containsExactlyInAnyOrder(tuple(0, 1_000L), tuple(1, -1_000L));
    assertThat(sweep)
        .filteredOn(Event.PositionTakeover.class::isInstance)
        .map(Event.PositionTakeover.class::cast)
        .filteredOn(t -> t.market() == 1)
        .singleElement()
        .satisfies(t -> assertThat(t.price()).as("the option's mark").isEqualTo(callMark));
    List<BuiltBatch> built = w.provenAll(fourSteps);
    assertThat(built.getLast().witness().steps())
        .extracting(StepRow::kind)
        .containsExactly(StepKind.LIQUIDATE, StepKind.TAKEOVER, StepKind.TAKEOVER);
    assertThat(w.state().account((int) ALICE).hasPositions()).isFalse();
    assertThat(w.state().fund().size(1)).isEqualTo(-1_000);
  }

  /**
   * Alice's covered call (portfolio initial 3,287,500, equity 7,974,175, cross initial 10,000,000:
   * PortfolioBatchesTest); her forced request is paid exactly her portfolio free equity, where the
   * cross rule would pay nothing.
   */
  @Test
  void aPortfolioAccountsForcedRequestIsPaidItsPortfolioFreeEquityAndProves() {
    SequencedWorld w = PortfolioBatchesTest.funded(CAPS, 8_000_000, true);
    PortfolioBatchesTest.coveredCall(w);
    provenAll(w);
    Margin margin = new Margin(w.state());
    var alice = w.state().account((int) ALICE);
    long free = margin.equity(alice) - margin.positionRequirement(alice);
    assertThat(margin.equity(alice)).isLessThan(margin.crossInitialRequirement(alice));
    w.force(ALICE, 1L << 62);
    List<BuiltBatch> built = provenAll(w);
    assertThat(built.getLast().witness().requests())
        .singleElement()
        .satisfies(r -> assertThat(r.paid()).isEqualTo(free).isEqualTo(7_974_175 - 3_287_500));
  }
}
