package dev.sable.batch.sequencer;

import static dev.sable.batch.sequencer.OptionBatchesTest.ALICE;
import static dev.sable.batch.sequencer.OptionBatchesTest.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.StepKind;
import dev.sable.batch.StepRow;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.margin.Margin;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A writer of calls liquidated when the underlying rises, from a sequencer stream to batches the
 * compiled -l4-opt circuit accepts (docs/settlement.md "Liquidations", "Option markets"): carol
 * writes 1,000 calls to bob at the mark; the underlying moves from 50,000 up and the sweep closes
 * her short calls into alice's offer and hands the rest to the fund at the option's mark, or, when
 * her equity is below zero and the fund is empty, deleverages them against bob's long calls. Every
 * fill moves its premium to collateral, and the settlement state ends equal to the sequencer's.
 */
class OptionLiquidationBatchesTest {
  /** OPTIONS with five account rows and four liquidation steps (Go's OptionLiquidations). */
  static final Capacities CAPS =
      Capacities.slots(3, 3, 5, 3, 4, 3, 2).steps(4).options(true).build();

  static final long CAROL = 12;

  @RegisterExtension static final CompiledSettlement circuit = new CompiledSettlement(CAPS);

  private static List<BuiltBatch> provenAll(SequencedWorld w) {
    return w.provenAll(circuit);
  }

  /** Carol (6,000,000) has written 1,000 calls to bob at the mark (50,000, 50% volatility). */
  private static SequencedWorld carolWrote() {
    SequencedWorld w = OptionBatchesTest.funded(CAPS);
    w.deposit(CAROL, 6_000_000);
    long mark = w.state().market(1).mark();
    w.limit(CAROL, 1, 1, 1, mark, 1_000);
    w.limit(BOB, 1, 1, 0, mark, 1_000);
    provenAll(w);
    assertThat(w.state().account((int) CAROL).size(1)).isEqualTo(-1_000);
    return w;
  }

  /** Carol's calls written, then, at the clock's next tick, the underlying priced at price. */
  private static SequencedWorld carolWroteThenUnderlyingAt(long price) {
    SequencedWorld w = carolWrote();
    w.time(w.now() + 1);
    w.prices(0, price);
    return w;
  }

  /** The events hold one of the type that meets the requirements. */
  private static <T> void hasEvent(List<Event> events, Class<T> type, Consumer<T> requirements) {
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(type, requirements));
  }

  private static List<StepKind> kinds(BuiltBatch b) {
    return b.witness().steps().stream().map(StepRow::kind).toList();
  }

  /**
   * At 55,000 carol's equity is below her maintenance at the margin price (1,000 * 55,000 * 5%) but
   * positive: she buys 400 calls back from alice's offer (within the band mark + 5% of the option's
   * mark), and the fund takes the other 600 over at the option's mark, receiving their premium, and
   * her surplus; in the next sweep the fund unwinds them into bob's offer.
   */
  @Test
  void aShortCallClosedIntoTheBookTakenOverAndUnwoundByTheFundProves() {
    SequencedWorld w = carolWroteThenUnderlyingAt(55_000);
    long mark = w.state().market(1).mark();
    long offer = (mark / 10) * 10 + 100; // on the tick, within mark + floor(mark * 5%)
    w.limit(ALICE, 1, 1, 1, offer, 400);
    long fundBefore = w.state().fund().collateral();
    List<Event> sweep = w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    hasEvent(
        sweep,
        Event.Fill.class,
        f -> {
          assertThat(f.taker()).isEqualTo((int) CAROL);
          assertThat(f.price()).isEqualTo(offer);
          assertThat(f.quantity()).isEqualTo(400);
        });
    hasEvent(
        sweep,
        Event.PositionTakeover.class,
        t -> {
          assertThat(t.market()).isEqualTo(1);
          assertThat(t.size()).isEqualTo(-600);
          assertThat(t.price()).as("the option's mark").isEqualTo(mark);
        });
    List<BuiltBatch> built = provenAll(w);
    assertThat(kinds(built.getLast()))
        .containsExactly(StepKind.LIQUIDATE, StepKind.CLOSE, StepKind.TAKEOVER);
    Account fund = w.state().fund();
    assertThat(fund.size(1)).isEqualTo(-600);
    assertThat(w.state().account((int) CAROL).hasPositions()).isFalse();
    assertThat(fund.collateral() - fundBefore)
        .as("the takeover's premium, then carol's surplus")
        .isGreaterThanOrEqualTo(600 * mark);
    var settled = w.world.state().account(Account.INSURANCE_FUND).orElseThrow();
    assertThat(settled.slots())
        .filteredOn(s -> s.market() == 1)
        .singleElement()
        .satisfies(s -> assertThat(s.cost()).as("an option position keeps no cost").isZero());

    // The next sweep: bob offers 600 of his calls and the fund buys its short back (an unwind
    // step), paying their premium and the taker's fee.
    w.time(w.now() + 1);
    long later = w.state().market(1).mark();
    long bobsOffer = (later / 10) * 10 + 100;
    w.limit(BOB, 1, 2, 1, bobsOffer, 600);
    long fundBeforeUnwind = w.state().fund().collateral();
    w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    assertThat(kinds(provenAll(w).getLast())).containsExactly(StepKind.UNWIND);
    assertThat(w.state().fund().size(1)).isZero();
    assertThat(fundBeforeUnwind - w.state().fund().collateral())
        .as("the premium and the taker's fee")
        .isEqualTo(600 * bobsOffer + Math.ceilDiv(600 * bobsOffer * 500, 1_000_000));
  }

  /**
   * At 70,000 carol's equity is below zero and the fund has nothing: it cannot take her over, and
   * her 1,000 calls are deleveraged against bob's long calls at the rule's price for a short, mark
   * - ceil(deficit / 1,000), which leaves her between 0 and 999.
   */
  @Test
  void aBankruptShortCallDeleveragedAgainstTheLongCallsProves() {
    SequencedWorld w = carolWroteThenUnderlyingAt(70_000);
    long mark = w.state().market(1).mark();
    long equity = new Margin(w.state()).equity(w.state().account((int) CAROL));
    assertThat(equity).isNegative();
    assertThat(w.state().fund().collateral()).isZero();
    List<Event> sweep = w.apply(new Command.LiquidationSweep(), Evidence.NONE);
    hasEvent(
        sweep,
        Event.AdlFill.class,
        f -> {
          assertThat(f.market()).isEqualTo(1);
          assertThat(f.bankrupt()).isEqualTo((int) CAROL);
          assertThat(f.counterparty()).isEqualTo((int) BOB);
          assertThat(f.quantity()).isEqualTo(1_000);
          assertThat(f.price()).isEqualTo(mark - Math.ceilDiv(-equity, 1_000));
        });
    List<BuiltBatch> built = provenAll(w);
    assertThat(kinds(built.getLast()))
        .containsExactly(StepKind.LIQUIDATE, StepKind.COVER, StepKind.ADL);
    assertThat(w.state().account((int) CAROL).hasPositions()).isFalse();
    assertThat(w.state().account((int) BOB).size(1)).isZero();
    assertThat(w.state().account((int) CAROL).collateral()).isBetween(0L, 999L);
  }
}
