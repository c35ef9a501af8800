package dev.sable.batch.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.WitnessCheck;
import dev.sable.state.settlement.AccountLeafV2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java's exit witness, from an account rebuilt out of public data, against the exit circuit's
 * constraints (gnark's solver through JNI): the honest exit solves, each forgery is refused.
 */
class ExitCircuitTest {
  private static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0xb1d9e));
  private static final Fr RECIPIENT = Fr.ofLong(0xa11ce);

  private static final Fr ROW = OperatorHistory.ROW;

  private static GnarkCircuit circuit;
  private static List<PublishedBatch> batches;

  @BeforeAll
  static void compile() {
    circuit = GnarkCircuit.compile(ExitCircuit.LAYOUT);
    batches = OperatorHistory.read(OperatorHistory.threeBatches().publicData());
  }

  @AfterAll
  static void close() {
    circuit.close();
  }

  private static RecoveredAccount recovered(dev.sable.crypto.EdDsaPrivateKey owner) {
    return AccountRecovery.recover(batches, owner, OptionalLong.empty());
  }

  private static ExitStatement alice(RecoveredAccount account) {
    return ExitStatement.prepare(
        DEPLOYMENT, account, RECIPIENT, Map.of(OperatorHistory.MARKET, ROW), OperatorHistory.ALICE);
  }

  @Test
  void anHonestExitSolvesAndPaysTheEquityAtTheStoredRow() {
    ExitStatement exit = alice(recovered(OperatorHistory.ALICE));
    // 900 + 2 * 150 - 200 - ceil(2 * (12 - 10) / 10^6)
    assertThat(exit.amount()).isEqualTo(999);
    assertThat(exit.data()).hasSize(14);
    assertThat(exit.data().get(6)).isEqualTo(ROW);
    assertThat(exit.data().subList(7, 14)).containsOnly(Fr.ZERO);
    assertThat(circuit.check(ExitCircuit.witness(exit))).isEqualTo(new WitnessCheck(""));
  }

  @Test
  void aTamperedLeafIsNotInTheRoot() {
    RecoveredAccount a = recovered(OperatorHistory.ALICE);
    AccountLeafV2 l = a.leaf();
    AccountLeafV2 richer = l.with(l.collateral() + 1_000, l.nonce(), l.fillsRoot(), l.slots());
    RecoveredAccount forged =
        new RecoveredAccount(a.account(), richer, a.siblings(), a.state(), a.stateRoot());
    assertRefused(alice(forged));
  }

  @Test
  void aTamperedPathIsRefused() {
    RecoveredAccount a = recovered(OperatorHistory.ALICE);
    List<Fr> siblings = new ArrayList<>(a.siblings());
    siblings.set(0, Fr.ofLong(1));
    assertRefused(
        alice(new RecoveredAccount(a.account(), a.leaf(), siblings, a.state(), a.stateRoot())));
  }

  @Test
  void anotherAccountsLeafCannotBeTakenAtThisIndex() {
    RecoveredAccount a = recovered(OperatorHistory.ALICE);
    RecoveredAccount b = recovered(OperatorHistory.BOB);
    // Bob's leaf and path claimed as account 1 (signed by Bob, whose key the leaf holds)
    RecoveredAccount forged =
        new RecoveredAccount(a.account(), b.leaf(), b.siblings(), b.state(), b.stateRoot());
    assertRefused(
        ExitStatement.prepare(DEPLOYMENT, forged, RECIPIENT, Map.of(), OperatorHistory.BOB));
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    ExitStatement bySomeoneElse =
        ExitStatement.prepare(
            DEPLOYMENT,
            recovered(OperatorHistory.ALICE),
            RECIPIENT,
            Map.of(OperatorHistory.MARKET, ROW),
            OperatorHistory.BOB);
    String signature = assertRefused(bySomeoneElse);
    // not the root's check: the leaf and its path are Alice's, only the signer is not
    RecoveredAccount a = recovered(OperatorHistory.ALICE);
    List<Fr> siblings = new ArrayList<>(a.siblings());
    siblings.set(0, Fr.ofLong(1));
    String root =
        assertRefused(
            alice(new RecoveredAccount(a.account(), a.leaf(), siblings, a.state(), a.stateRoot())));
    assertThat(signature).isNotEqualTo(root);
  }

  @Test
  void anAccountWithoutEquityOrWithoutAStoredRowIsRefusedBeforeProving() {
    RecoveredAccount a = recovered(OperatorHistory.ALICE);
    assertThatThrownBy(
            () -> ExitStatement.prepare(DEPLOYMENT, a, RECIPIENT, Map.of(), OperatorHistory.ALICE))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("no row for market 3");
    // mark 0 and funding index 10^9: 900 - 200 - ceil(2 * (10^9 - 10) / 10^6) < 0
    Fr crash =
        Fr.of(
            BigInteger.valueOf(3)
                .add(
                    BigInteger.valueOf(1_000_000_000)
                        .add(BigInteger.ONE.shiftLeft(63))
                        .shiftLeft(144)));
    assertThatThrownBy(
            () ->
                ExitStatement.prepare(
                    DEPLOYMENT,
                    a,
                    RECIPIENT,
                    Map.of(OperatorHistory.MARKET, crash),
                    OperatorHistory.ALICE))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("nothing to take");
  }

  /** The failing constraint of a forged exit's witness (its number: where the circuit refuses). */
  private static String assertRefused(ExitStatement exit) {
    WitnessCheck check = circuit.check(ExitCircuit.witness(exit));
    assertThat(check.satisfied()).as("forged exit solves").isFalse();
    assertThat(check.failure()).contains("is not satisfied");
    return check.failure().replaceAll(" is not satisfied.*", "").strip();
  }
}
