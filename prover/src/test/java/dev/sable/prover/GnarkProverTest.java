package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnarkProverTest {
  @TempDir static Path keyDir;
  static GnarkProver prover;

  @BeforeAll
  static void open() {
    prover = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir);
  }

  @AfterAll
  static void close() {
    prover.close();
  }

  /** Setting leaf `index` of an empty tree to `leaf`: siblings are the empty-subtree roots. */
  static StateUpdateWitness firstInsert(long index, Fr leaf) {
    List<Fr> zeros = new ArrayList<>();
    Fr empty = Fr.ZERO;
    Fr node = leaf;
    for (int level = 0; level < StateUpdateWitness.DEPTH; level++) {
      zeros.add(empty);
      boolean right = ((index >> level) & 1) == 1;
      node = right ? hash(empty, node) : hash(node, empty);
      empty = hash(empty, empty);
    }
    return new StateUpdateWitness(empty, node, index, Fr.ZERO, leaf, zeros);
  }

  @Test
  void setupReportsTheCircuit() {
    CircuitKeys keys = prover.keys();
    assertThat(keys.circuit()).isEqualTo(StateUpdateWitness.CIRCUIT);
    assertThat(keys.reused()).isFalse();
    assertThat(keys.publicInputs()).isEqualTo(2);
    assertThat(keys.constraints()).isBetween(5_000, 50_000);
    assertThat(Path.of(keys.keyDir())).startsWith(keyDir).isDirectory();
  }

  @Test
  void secondOpenReusesKeysFromDisk() {
    try (GnarkProver again = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir)) {
      assertThat(again.keys().reused()).isTrue();
      assertThat(again.keys().circuitHash()).isEqualTo(prover.keys().circuitHash());
      // A proof made with the first handle verifies with keys read back from disk.
      StateUpdateWitness w = firstInsert(5, Fr.ofLong(77));
      assertThat(again.verify(prover.prove(w.toWitness()), w.publicInputs())).isTrue();
    }
  }

  @Test
  void provesAndVerifiesAValidUpdate() {
    StateUpdateWitness w = firstInsert((1L << 24) - 1, Fr.ofLong(123456789));
    Proof proof = prover.prove(w.toWitness());
    assertThat(proof.solidity()).hasSize(256);
    assertThat(prover.verify(proof, w.publicInputs())).isTrue();
    assertThat(prover.verify(proof, List.of(w.oldRoot(), hash(w.newRoot(), Fr.ONE)))).isFalse();
    assertThat(prover.verify(proof, List.of(w.newRoot(), w.oldRoot()))).isFalse();
  }

  @Test
  void refusesToProveAWrongUpdate() {
    StateUpdateWitness w = firstInsert(3, Fr.ofLong(10));
    StateUpdateWitness wrongOldRoot =
        new StateUpdateWitness(
            Fr.ONE, w.newRoot(), w.index(), w.oldLeaf(), w.newLeaf(), w.siblings());
    assertThatThrownBy(() -> prover.prove(wrongOldRoot.toWitness()))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("prove state-update-d24");
  }

  @Test
  void rejectsALeafIndexOutsideTheTree() {
    assertThatThrownBy(
            () ->
                new StateUpdateWitness(
                    Fr.ZERO,
                    Fr.ZERO,
                    1L << 24,
                    Fr.ZERO,
                    Fr.ZERO,
                    firstInsert(0, Fr.ONE).siblings()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closedProverRefusesWork() {
    GnarkProver other = GnarkProver.open(StateUpdateWitness.CIRCUIT, keyDir);
    other.close();
    assertThatThrownBy(other::solidityVerifier).isInstanceOf(IllegalStateException.class);
    assertThat(prover.solidityVerifier()).contains("contract Verifier").contains("verifyProof");
  }

  static Fr hash(Fr left, Fr right) {
    return NativePoseidon2.INSTANCE.compress(left, right);
  }
}
