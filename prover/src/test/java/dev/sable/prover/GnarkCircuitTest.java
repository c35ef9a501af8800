package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A circuit compiled without keys checks witnesses: provable or not, and where not. */
class GnarkCircuitTest {

  @Test
  void aCompiledCircuitTellsASatisfiedWitnessFromAForgedOne() {
    try (GnarkCircuit circuit = GnarkCircuit.compile(StateUpdateWitness.LAYOUT)) {
      assertThat(circuit.info().circuit()).isEqualTo(StateUpdateWitness.CIRCUIT);
      assertThat(circuit.info().constraints()).isBetween(5_000, 50_000);
      assertThat(circuit.info().publicInputs()).isEqualTo(2);
      StateUpdateWitness w = GnarkProverTest.firstInsert(9, Fr.ofLong(42));
      assertThat(circuit.check(w.toWitness())).isEqualTo(new WitnessCheck(""));
      // the same update claimed at another index: its siblings no longer fold into the roots
      StateUpdateWitness moved =
          new StateUpdateWitness(
              w.oldRoot(), w.newRoot(), 8, w.oldLeaf(), w.newLeaf(), w.siblings());
      WitnessCheck forged = circuit.check(moved.toWitness());
      assertThat(forged.satisfied()).isFalse();
      assertThat(forged.failure()).contains("is not satisfied").contains("Define");
    }
  }

  @Test
  void aJavaLayoutThatDriftsIsCaughtAtCompilation() {
    List<WitnessField> shorter = new ArrayList<>(StateUpdateWitness.LAYOUT.fields());
    shorter.set(5, WitnessField.secret("Siblings", StateUpdateWitness.DEPTH - 1));
    assertThatThrownBy(
            () -> GnarkCircuit.compile(new WitnessLayout(StateUpdateWitness.CIRCUIT, shorter)))
        .isInstanceOf(WitnessLayoutException.class)
        .hasMessageContaining("Siblings (secret, 23 elements) in Java");
  }

  @Test
  void aWitnessOfAnotherShapeAndAClosedCircuitAreRefused() {
    GnarkCircuit circuit = GnarkCircuit.compile(StateUpdateWitness.LAYOUT);
    assertThatThrownBy(() -> circuit.check(new Witness(List.of(Fr.ONE), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 public and 0 secret");
    circuit.close();
    assertThatThrownBy(() -> circuit.check(GnarkProverTest.firstInsert(1, Fr.ONE).toWitness()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anUnknownCircuitIsRefusedByName() {
    assertThatThrownBy(
            () ->
                GnarkCircuit.compile(
                    WitnessLayout.of("no-such-circuit", WitnessField.publicInput("X"))))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("unknown circuit \"no-such-circuit\"");
  }
}
