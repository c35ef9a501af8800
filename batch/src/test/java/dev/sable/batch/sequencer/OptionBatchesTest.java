package dev.sable.batch.sequencer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.Expiry;
import dev.sable.batch.ExpiryRow;
import dev.sable.batch.ForgedBatch;
import dev.sable.batch.ForgedWitness;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.SettlementRuleException;
import dev.sable.batch.SettlementWitness;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
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
 * exactly as in the sequencer; through the option's expiry at a circuit with expiry slots (the
 * positions settled at the underlying's mark, the payoffs paid, the settlement price stored in the
 * option's leaf), and an option's expiry refused with its reason at a circuit without them.
 */
class OptionBatchesTest {
  static final long DAY = 86_400_000L;
  static final OptionTerms CALL = new OptionTerms(0, OptionKind.CALL, 50_000, 10 * DAY, 1);
  static final long ALICE = 5;
  static final long BOB = 9;

  /** Alice and Bob funded, market 0 priced at 50,000, the call's volatility at 50%. */
  static SequencedWorld funded() {
    return funded(Capacities.OPTIONS);
  }

  static SequencedWorld funded(Capacities caps) {
    SequencedWorld w = SequencedWorld.withOption(caps, CALL);
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
    // The underlying's three prices fill the three oracle slots: the call's signed volatility
    // records seal them into a batch of their own, and go with the first trade.
    assertThat(built).hasSize(3);
    assertThat(built.get(0).witness().oracles()).hasSize(3);
    assertThat(built.get(0).witness().trades()).isEmpty();
    assertThat(built.get(1).witness().oracles())
        .as("the call's three volatility records")
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.price()).isEqualTo(500_000));
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
    for (BuiltBatch b : built.subList(1, built.size())) {
      var d = b.witness().publicData();
      int at = Capacities.OPTIONS.marketsAt();
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

  /**
   * At OPTION_EXPIRIES: alice writes 1,000 calls to bob, the underlying is priced at 52,000 just
   * before the expiry, and the time tick at the expiry settles both positions: the batch before the
   * tick and the expiry's own batch are sealed around it, and a later batch (bob withdraws)
   * follows.
   */
  static SequencedWorld throughTheExpiry() {
    return throughTheExpiry(Capacities.OPTION_EXPIRIES);
  }

  static SequencedWorld throughTheExpiry(Capacities caps) {
    SequencedWorld w = funded(caps);
    long mark = w.state().market(1).mark();
    w.limit(ALICE, 1, 1, 1, mark, 1_000);
    w.limit(BOB, 1, 1, 0, mark, 1_000);
    w.seal();
    w.time(10 * DAY - 10);
    w.prices(0, 52_000);
    w.time(10 * DAY); // the call settles at 52,000: 2,000 per unit
    return w;
  }

  @Test
  void aStreamThroughAnOptionExpirySealsBatchesTheCompiledCircuitAccepts() {
    SequencedWorld w = throughTheExpiry();
    SealedBatch expiry = w.sealed.getLast();
    assertThat(expiry.reason()).isEqualTo(SealedBatch.Reason.OPTION_EXPIRY);
    assertThat(expiry.batch().time()).isEqualTo(10 * DAY);
    assertThat(expiry.batch().expiries())
        .containsExactly(new Expiry(ALICE, 1, 2_000), new Expiry(BOB, 1, 2_000));
    assertThat(w.sealed.get(w.sealed.size() - 2).reason())
        .as("the prices before the tick")
        .isEqualTo(SealedBatch.Reason.OPTION_EXPIRY);
    w.sealed.removeLast();
    List<BuiltBatch> built = new ArrayList<>(w.buildAll());
    long aliceBefore = w.world.state().account(ALICE).orElseThrow().collateral();
    built.add(w.world.apply(expiry.batch()));
    long aliceAfter = w.world.state().account(ALICE).orElseThrow().collateral();
    assertThat(aliceAfter - aliceBefore).as("the writer pays 1,000 x 2,000").isEqualTo(-2_000_000);
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    assertThat(w.world.state().account(BOB).orElseThrow().slots())
        .as("bob's calls closed")
        .allMatch(s -> s.market() != 1 || s.size() == 0);
    var call = w.world.state().market(1).orElseThrow();
    assertThat(call.funded()).as("settled").isTrue();
    assertThat(call.lastFundingTime()).as("the stored settlement price").isEqualTo(52_000);
    assertThat(built.getLast().witness().expiries()).hasSize(2);
    w.withdraw(BOB, 1_000_000);
    w.seal();
    built.addAll(w.buildAll());
    assertThat(w.differences()).isEmpty();
    try (GnarkCircuit circuit =
        GnarkCircuit.compile(SettlementCircuit.layout(Capacities.OPTION_EXPIRIES))) {
      for (BuiltBatch b : built) {
        assertThat(circuit.check(b.gnarkWitness()))
            .as("batch %d", b.number())
            .isEqualTo(new WitnessCheck(""));
      }
      // the expiry batch's witness with a payoff one unit above the rule's: the circuit refuses it
      BuiltBatch honest = built.get(built.size() - 2);
      SettlementWitness h = honest.witness();
      List<ExpiryRow> greedy =
          h.expiries().stream()
              .map(e -> new ExpiryRow(e.accountRow(), e.slot(), e.settlement(), e.payoff() + 1))
              .toList();
      WitnessCheck forged = circuit.check(SettlementCircuit.witness(withExpiryRows(h, greedy)));
      assertThat(forged.satisfied()).isFalse();
      assertThat(forged.failure()).contains("settlement.(*batch).expiries");
    }
  }

  /**
   * The same stream at the node's expiry preset (two market and account rows, one oracle price per
   * batch, two expiry slots, the owner-data section): each batch, built with an owner-data secret,
   * satisfies the compiled preset circuit, the expiry's included.
   */
  @Test
  void theStreamThroughTheExpiryProvesAtTheNodesExpiryPreset() {
    Capacities preset = Capacities.TINY_L2_Q1_E2_OPT_OWNER;
    // sealed alike without the owner-data section (it adds no row or slot); built with it below
    Capacities sealing =
        Capacities.slots(2, 1, 2, 2, 2, 1, 1)
            .steps(2)
            .requests(1)
            .options(true)
            .expiries(2)
            .build();
    assertThat(sealing.circuitName() + "-owner").isEqualTo(preset.circuitName());
    SequencedWorld w = throughTheExpiry(sealing);
    assertThat(w.sealed.getLast().batch().expiries()).hasSize(2);
    BatchBuilder builder = new BatchBuilder(preset, "an owner-data secret".getBytes(UTF_8));
    List<BuiltBatch> built = new ArrayList<>();
    for (SealedBatch s : w.sealed) {
      BuiltBatch b = builder.build(w.world.state(), s.batch());
      w.world.state().commit(b.change());
      built.add(b);
    }
    w.sealed.clear();
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    assertThat(built.getLast().witness().expiries()).hasSize(2);
    try (GnarkCircuit c = GnarkCircuit.compile(SettlementCircuit.layout(preset))) {
      for (BuiltBatch b : built) {
        assertThat(c.check(b.gnarkWitness()))
            .as("batch %d", b.number())
            .isEqualTo(new WitnessCheck(""));
      }
    }
  }

  private static SettlementWitness withExpiryRows(SettlementWitness w, List<ExpiryRow> rows) {
    return ForgedWitness.of(w).expiries(rows).build();
  }

  /**
   * A stream whose expiry pays at another price than the underlying's mark at the batch (the
   * sequencer's payoff one unit more, as if it settled at 52,001) is refused by the builder.
   */
  @Test
  void anExpiryPaidAtAnotherPriceThanTheMarkIsRefused() {
    SequencedWorld w = throughTheExpiry();
    SealedBatch expiry = w.sealed.removeLast();
    w.buildAll();
    SettlementBatch b = expiry.batch();
    SettlementBatch forged =
        withExpiries(
            b,
            b.time(),
            b.expiries().stream().map(e -> new Expiry(e.account(), e.market(), 2_001)).toList());
    assertThatThrownBy(() -> w.world.build(forged))
        .isInstanceOfSatisfying(
            SettlementRuleException.class, e -> assertThat(e.breaks(Rule.EXPIRY_PAYOFF)).isTrue())
        .hasMessageContaining("the rule gives 2000 at S = 52000");
  }

  /**
   * A holder the expiry batch leaves out (bob) settles in a later batch at the settlement price the
   * option's leaf stores, although the underlying's records are stale by then; a payoff at another
   * price there is refused.
   */
  @Test
  void aLeftOutHolderSettlesLaterAtTheStoredPrice() {
    SequencedWorld w = throughTheExpiry();
    SealedBatch expiry = w.sealed.removeLast();
    w.buildAll();
    SettlementBatch b = expiry.batch();
    w.world.apply(withExpiries(b, b.time(), b.expiries().subList(0, 1))); // alice only
    SettlementBatch later = withExpiries(b, b.time() + 1_000, List.of(new Expiry(BOB, 1, 2_000)));
    var step = w.world.build(later).witness().expiries();
    assertThat(step).singleElement().satisfies(e -> assertThat(e.settlement()).isEqualTo(52_000));
    SettlementBatch atZero = withExpiries(b, b.time() + 1_000, List.of(new Expiry(BOB, 1, 0)));
    assertThatThrownBy(() -> w.world.build(atZero))
        .isInstanceOfSatisfying(
            SettlementRuleException.class, e -> assertThat(e.breaks(Rule.EXPIRY_PAYOFF)).isTrue());
  }

  /** The batch's option marks and the given expiry steps at time, nothing else. */
  static SettlementBatch withExpiries(SettlementBatch b, long time, List<Expiry> steps) {
    return ForgedBatch.emptied(b).time(time).optionMarks(b.optionMarks()).expiries(steps).build();
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

  /** A listing unlike the genesis leaf's terms is refused. */
  @Test
  void anOptionListedWithOtherTermsThanGenesisIsRefused() {
    OptionTerms put = new OptionTerms(0, OptionKind.PUT, 50_000, 10 * DAY, 1);
    assertThatThrownBy(() -> SequencedWorld.withOption(Capacities.OPTIONS, CALL, put))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("unlike the settlement state's genesis");
  }
}
