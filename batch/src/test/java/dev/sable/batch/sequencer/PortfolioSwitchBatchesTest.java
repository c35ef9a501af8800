package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.BatchBuilder;
import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.CompiledSettlement;
import dev.sable.batch.ForgedBatch;
import dev.sable.batch.ForgedWitness;
import dev.sable.batch.MarginSwitch;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.SettlementRuleException;
import dev.sable.batch.SettlementWitness;
import dev.sable.batch.SwitchRow;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.prover.WitnessCheck;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.settlement.AccountLeafV2;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A trader's signed margin-mode switch from the sequencer to the proof (docs/settlement.md, "The
 * margin-mode switch"): the batcher puts the sequencer's {@code MarginModeChanged} with the
 * journaled signed request into a switch slot, and the compiled {@code -s2-opt-pm} circuit accepts
 * the batches of a stream in which alice switches to portfolio margin and writes a covered call
 * that cross margin refuses. The sealing rule keeps a batch within its switch slots and keeps an
 * order filling from a switch's fill slot out of the switch's batch. Attacks: a switch signed by
 * another key, a replayed request id (refused by the sequencer, and a batch carrying it anyway by
 * the builder and the circuit).
 */
class PortfolioSwitchBatchesTest {
  static final long ALICE = PortfolioBatchesTest.ALICE;
  static final long BOB = PortfolioBatchesTest.BOB;
  static final long CAROL = PortfolioBatchesTest.CAROL;
  static final Capacities CAPS = Capacities.PORTFOLIO_SWITCHES;
  @RegisterExtension static final CompiledSettlement circuit = new CompiledSettlement(CAPS);

  /** Alice funded (8,000,000), still cross-margined in both states; bob and carol funded. */
  static SequencedWorld funded() {
    return PortfolioBatchesTest.funded(CAPS, 8_000_000, false);
  }

  private static void satisfies(List<BuiltBatch> built) {
    for (BuiltBatch b : built) {
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d", b.number())
          .isEqualTo(new WitnessCheck(""));
    }
  }

  private static long mode(SequencedWorld w, long account) {
    return w.world.state().account(account).orElseThrow().mode();
  }

  @Test
  void aSwitchToPortfolioIsProvenAndLetsTheCoveredCallThrough() {
    SequencedWorld w = funded();
    assertThat(w.switchMode(ALICE, true, 1_023))
        .containsExactly(new Event.MarginModeChanged((int) ALICE, true, 1_023));
    assertThat(PortfolioBatchesTest.coveredCall(w).get(1)).anyMatch(Event.Fill.class::isInstance);
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built).hasSize(1);
    assertThat(built.getFirst().witness().switches())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.requestId()).isEqualTo(1_023);
              assertThat(s.mode()).isEqualTo(AccountLeafV2.MODE_PORTFOLIO);
              assertThat(s.fillEmpty()).isTrue();
            });
    assertThat(mode(w, ALICE)).isEqualTo(AccountLeafV2.MODE_PORTFOLIO);
    assertThat(w.differences()).as("sequencer and settlement state").isEmpty();
    satisfies(built);
  }

  /**
   * Alice switches to portfolio and back to cross under a newer id of the same fill slot, in two
   * batches: the second switch opens the slot the first one closed.
   */
  @Test
  void aSwitchBackToCrossUnderANewerIdOfTheSlotIsProven() {
    SequencedWorld w = funded();
    w.switchMode(ALICE, true, 1_023);
    w.seal();
    assertThat(w.switchMode(ALICE, false, 1_023))
        .as("the id is used")
        .containsExactly(new Event.Rejected(RejectReason.CLIENT_ORDER_ID_USED));
    assertThat(w.switchMode(ALICE, false, 2_047))
        .containsExactly(new Event.MarginModeChanged((int) ALICE, false, 2_047));
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built).hasSize(2);
    SwitchRow back = built.get(1).witness().switches().getFirst();
    assertThat(back.fillEmpty()).isFalse();
    assertThat(back.fill()).isEqualTo(new FillSlotLeaf(1_023, FillSlotLeaf.CLOSED));
    assertThat(mode(w, ALICE)).isZero();
    assertThat(w.differences()).isEmpty();
    satisfies(built);
  }

  @Test
  void aBatchIsSealedBeforeItRunsOutOfSwitchSlots() {
    SequencedWorld w = funded();
    w.switchMode(ALICE, true, 1);
    w.switchMode(BOB, true, 1);
    assertThat(w.sealed).isEmpty();
    w.switchMode(CAROL, true, 1);
    assertThat(w.sealed)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.reason()).isEqualTo(SealedBatch.Reason.CAPACITY);
              assertThat(s.batch().switches())
                  .extracting(m -> m.message().accountIndex())
                  .containsExactly(ALICE, BOB);
            });
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built.get(1).witness().switches()).hasSize(1);
    assertThat(w.differences()).isEmpty();
    satisfies(built);
  }

  /**
   * The circuit writes a batch's switch slots after its order rows: an order of alice filling from
   * the fill slot her switch took (id 5 + 1,024 after request 5) must not share the switch's batch,
   * whose switch would then find the order's newer id in the slot. The batch is sealed before the
   * fill, and both batches prove.
   */
  @Test
  void anOrderFillingFromASwitchsFillSlotIsSealedOutOfTheSwitchsBatch() {
    SequencedWorld w = funded();
    w.switchMode(ALICE, true, 5);
    w.limit(CAROL, 0, 1, 1, 50_000, 1_000);
    assertThat(w.sealed).isEmpty();
    assertThat(w.limit(ALICE, 0, 5 + 1_024, 0, 50_000, 1_000))
        .anyMatch(Event.Fill.class::isInstance);
    assertThat(w.sealed)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.reason()).isEqualTo(SealedBatch.Reason.CAPACITY);
              assertThat(s.batch().switches()).hasSize(1);
              assertThat(s.batch().trades()).isEmpty();
            });
    w.seal();
    List<BuiltBatch> built = w.buildAll();
    assertThat(built).hasSize(2);
    assertThat(w.differences()).isEmpty();
    satisfies(built);
  }

  /**
   * A snapshot taken with a switch in the open batch restores it and the mode the batches hold for
   * the account: alice's switch back to cross after the restore is not mistaken for one to the mode
   * the start state holds (cross), and the restored batcher seals the batch the uninterrupted one
   * seals.
   */
  @Test
  void anOpenBatchWithASwitchSurvivesASnapshot() {
    SequencedWorld w = funded();
    w.switchMode(ALICE, true, 1_023);
    byte[] bytes = w.batcher.snapshot();
    SettlementBatcher restored =
        SettlementBatcher.restore(CAPS, w.state(), w.world.state(), Long.MAX_VALUE, bytes);
    assertThat(restored.snapshot()).isEqualTo(bytes);
    SealedBatch first = w.batcher.seal().orElseThrow();
    assertThat(restored.seal()).contains(first);
    List<Event> events = w.switchMode(ALICE, false, 2_047);
    SequencedWorld.Applied last = w.log.getLast();
    assertThat(w.sealed).isEmpty();
    assertThat(restored.accept(w.log.size(), last.command(), last.evidence(), events)).isEmpty();
    SealedBatch sealed = w.batcher.seal().orElseThrow();
    assertThat(sealed.batch().switches())
        .extracting(m -> m.message().portfolio())
        .containsExactly(0L);
    assertThat(restored.seal()).contains(sealed);
    assertThat(restored.snapshot()).isEqualTo(w.batcher.snapshot());
  }

  /**
   * The node verifies a switch's signature at intake, as an order's; a journal carrying another
   * key's signature anyway is refused by the builder (mode-signature) and, as a witness, by the
   * circuit.
   */
  @Test
  void aSwitchSignedByAnotherKeyIsRefusedByTheBuilderAndTheCircuit() {
    SequencedWorld w = funded();
    w.switchMode(ALICE, true, 1_023);
    w.seal();
    SettlementBatch honest = w.sealed.getFirst().batch();
    MarginModeMessage m = new MarginModeMessage(ALICE, 1, 1_023);
    MarginSwitch forged =
        new MarginSwitch(m, w.world.trader(BOB).sign(m.hash(w.world.state().deployment())));
    refused(w, ForgedBatch.of(honest).switches(List.of(forged)).build(), Rule.MODE_SIGNATURE);

    SettlementWitness witness = w.buildAll().getFirst().witness();
    SwitchRow s = witness.switches().getFirst();
    SwitchRow bobs =
        new SwitchRow(
            s.accountRow(),
            s.mode(),
            s.requestId(),
            forged.signature(),
            s.fillEmpty(),
            s.fill(),
            s.fillSiblings());
    assertFails(ForgedWitness.of(witness).switches(List.of(bobs)).build());
  }

  /**
   * Alice's switch to portfolio (request 1,023) replayed after her switch back to cross: the
   * sequencer refuses the id, the builder refuses a batch carrying the replay (mode-replay), and a
   * witness claiming the slot still empty fails the circuit (its path opens another leaf).
   */
  @Test
  void aReplayedSwitchIsRefusedBySequencerBuilderAndCircuit() {
    SequencedWorld w = funded();
    MarginSwitch toPortfolio = w.world.marginSwitch(ALICE, 1, 1_023);
    w.switchMode(ALICE, true, 1_023);
    w.seal();
    w.buildAll();
    w.switchMode(ALICE, false, 2_047);
    w.seal();
    assertThat(w.switchMode(ALICE, true, 1_023))
        .containsExactly(new Event.Rejected(RejectReason.CLIENT_ORDER_ID_USED));
    SettlementBatch honest = w.sealed.getFirst().batch();
    refused(w, ForgedBatch.of(honest).switches(List.of(toPortfolio)).build(), Rule.MODE_REPLAY);

    SettlementWitness witness = w.buildAll().getFirst().witness();
    SwitchRow back = witness.switches().getFirst();
    SwitchRow replay =
        new SwitchRow(
            back.accountRow(),
            AccountLeafV2.MODE_PORTFOLIO,
            1_023,
            toPortfolio.signature(),
            true,
            new FillSlotLeaf(0, 0),
            back.fillSiblings());
    assertFails(ForgedWitness.of(witness).switches(List.of(replay)).build());
    SwitchRow claimedOlder =
        new SwitchRow(
            back.accountRow(),
            AccountLeafV2.MODE_PORTFOLIO,
            1_023,
            toPortfolio.signature(),
            false,
            back.fill(),
            back.fillSiblings());
    assertFails(ForgedWitness.of(witness).switches(List.of(claimedOlder)).build());
  }

  private static void refused(SequencedWorld w, SettlementBatch forged, Rule rule) {
    Fr root = w.world.state().root();
    assertThatThrownBy(() -> new BatchBuilder(CAPS).build(w.world.state(), forged))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(rule)).as("%s names %s", e.getMessage(), rule.id()).isTrue());
    assertThat(w.world.state().root()).isEqualTo(root);
  }

  private static void assertFails(SettlementWitness forged) {
    WitnessCheck check = circuit.check(SettlementCircuit.witness(forged));
    assertThat(check.satisfied()).isFalse();
    assertThat(check.failure()).startsWith(CAPS.circuitName() + ": constraint #");
  }
}
