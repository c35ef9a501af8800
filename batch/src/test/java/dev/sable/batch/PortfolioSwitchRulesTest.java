package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.state.settlement.AccountLeafV2;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder's switch slots on pmswitch.txt's batches (docs/settlement.md, "The margin-mode
 * switch"): alice's signed switch to portfolio margin is what lets her covered call through; a
 * switch signed by another key, a replayed request id, and a switch at capacities without switch
 * slots are refused; and a witness whose switch signature is another key's fails the compiled
 * circuit (JNI) while the honest one satisfies it.
 */
class PortfolioSwitchRulesTest {
  static final long ALICE = PortfolioRulesTest.ALICE;
  static final long BOB = 9;

  /** The covered call's batch, with alice's switch to portfolio margin (request 1000). */
  static Paused second() throws IOException {
    return VectorReplay.pausedAt("pmswitch.txt", 1, 2);
  }

  static SettlementBatch switching(SettlementBatch b, List<MarginSwitch> switches) {
    return ForgedBatch.of(b).switches(switches).build();
  }

  /** Alice's switch request signed by signer's key (Go batchgen's keys). */
  static MarginSwitch signedBy(long signer, long mode, long requestId) {
    MarginModeMessage m = new MarginModeMessage(ALICE, mode, requestId);
    return new MarginSwitch(
        m, PortfolioRulesTest.KEYS.trader(signer).sign(m.hash(SampleWorld.DEPLOYMENT)));
  }

  @Test
  void theSwitchIsWhatLetsTheCoveredCallThrough() throws IOException {
    Paused p = second();
    BuiltBatch built = new BatchBuilder(p.caps()).build(p.state(), p.batch());
    assertThat(built.witness().switches()).hasSize(1);
    assertThat(built.accountsAfter())
        .filteredOn(a -> a.mode() == AccountLeafV2.MODE_PORTFOLIO)
        .hasSize(1);
    PortfolioRulesTest.refused(
        second(), p.caps(), switching(p.batch(), List.of()), Rule.MARGIN); // cross: refused
  }

  @Test
  void aSwitchSignedByAnotherKeyIsRefused() throws IOException {
    Paused p = second();
    SettlementBatch forged = switching(p.batch(), List.of(signedBy(BOB, 1, 1000)));
    PortfolioRulesTest.refused(p, p.caps(), forged, Rule.MODE_SIGNATURE);
  }

  @Test
  void aReplayedRequestIdIsRefused() throws IOException {
    Paused p = VectorReplay.pausedAt("pmswitch.txt", 1, 4); // alice's request 1000 is in her slot
    SettlementBatch replayed = switching(p.batch(), List.of(signedBy(ALICE, 0, 1000)));
    PortfolioRulesTest.refused(p, p.caps(), replayed, Rule.MODE_REPLAY);
  }

  @Test
  void aSwitchWithoutSwitchSlotsIsRefusedWithItsCapacity() throws IOException {
    Paused p = second();
    assertThatThrownBy(() -> new BatchBuilder(Capacities.PORTFOLIO).build(p.state(), p.batch()))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining("1 margin-mode switches exceed the capacity 0");
  }

  @Test
  void aWitnessWhoseSwitchSignatureIsAnotherKeysFailsTheCircuit() throws IOException {
    Paused p = second();
    SettlementWitness honest = new BatchBuilder(p.caps()).build(p.state(), p.batch()).witness();
    SwitchRow s = honest.switches().getFirst();
    SwitchRow forged =
        new SwitchRow(
            s.accountRow(),
            s.mode(),
            s.requestId(),
            signedBy(BOB, s.mode(), s.requestId()).signature(),
            s.fillEmpty(),
            s.fill(),
            s.fillSiblings());
    try (GnarkCircuit circuit = GnarkCircuit.compile(SettlementCircuit.layout(p.caps()))) {
      assertThat(circuit.check(SettlementCircuit.witness(honest)).satisfied()).isTrue();
      WitnessCheck check = circuit.check(SettlementCircuit.witness(withSwitch(honest, forged)));
      assertThat(check.satisfied()).isFalse();
      assertThat(check.failure()).startsWith(p.caps().circuitName() + ": constraint #");
    }
  }

  private static SettlementWitness withSwitch(SettlementWitness w, SwitchRow s) {
    return ForgedWitness.of(w).switches(List.of(s)).build();
  }
}
