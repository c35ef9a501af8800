package dev.sable.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnarkProverTest {
  @TempDir static Path keyDir;
  static GnarkProver prover;

  @BeforeAll
  static void open() {
    prover = GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP);
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
  void developmentKeysSayWhatTheyAre() {
    CircuitKeys keys = prover.keys();
    assertThat(keys.setup().isDevelopment()).isTrue();
    assertThat(keys.setupDescription()).contains("single-party").contains("not for production");
    assertThat(keys.verifyingKeyHash()).matches("0x[0-9a-f]{64}");
    assertThat(keys.witness()).isEqualTo(StateUpdateWitness.LAYOUT.fields());
  }

  /**
   * The key directory is named by the circuit hash; the native library (a c-shared build) must
   * compute the hash `go run ./cmd/fixtures` (a plain binary) recorded in the bridge's fixture.
   */
  @Test
  void theCircuitHashDoesNotDependOnTheBuildMode() throws IOException {
    Path fixture =
        Path.of(
            System.getProperty("sable.root"),
            "l1-bridge/contracts/test/fixtures/StateUpdateFixture.sol");
    Matcher m =
        Pattern.compile("CIRCUIT_HASH\\s*=\\s*0x([0-9a-f]{64});")
            .matcher(Files.readString(fixture));
    assertThat(m.find()).isTrue();
    assertThat(prover.keys().circuitHash()).isEqualTo(m.group(1));
  }

  @Test
  void aJavaLayoutThatDriftsFromTheCircuitIsCaughtWhenTheKeysLoad() {
    List<WitnessField> swapped = new ArrayList<>(StateUpdateWitness.LAYOUT.fields());
    swapped.set(3, StateUpdateWitness.LAYOUT.fields().get(4));
    swapped.set(4, StateUpdateWitness.LAYOUT.fields().get(3));
    assertThatThrownBy(
            () ->
                GnarkProver.open(
                    new WitnessLayout(StateUpdateWitness.CIRCUIT, swapped),
                    keyDir,
                    KeyPolicy.EXISTING_KEYS))
        .isInstanceOf(WitnessLayoutException.class)
        .hasMessageContaining(
            "field 4 is NewLeaf (secret) in Java but OldLeaf (secret) in the circuit");

    List<WitnessField> shorter = new ArrayList<>(StateUpdateWitness.LAYOUT.fields());
    shorter.set(5, WitnessField.secret("Siblings", StateUpdateWitness.DEPTH - 1));
    assertThatThrownBy(
            () ->
                GnarkProver.open(
                    new WitnessLayout(StateUpdateWitness.CIRCUIT, shorter),
                    keyDir,
                    KeyPolicy.EXISTING_KEYS))
        .isInstanceOf(WitnessLayoutException.class)
        .hasMessageContaining("Siblings (secret, 23 elements) in Java but Siblings (secret, 24");
  }

  @Test
  void aWitnessNotBuiltForTheLayoutIsRefused() {
    Witness handMade = new Witness(List.of(Fr.ONE), List.of(Fr.ONE));
    assertThatThrownBy(() -> prover.prove(handMade))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 public and 1 secret");
  }

  @Test
  void damagedKeysAreRefusedOrRebuiltAndNamed(@TempDir Path otherDir) throws IOException {
    CircuitKeys made =
        openAndClose(otherDir, KeyPolicy.DEVELOPMENT_SETUP); // a set of its own to damage
    Path pk = Path.of(made.keyDir(), "pk.dump");
    try (var channel = java.nio.channels.FileChannel.open(pk, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(pk) / 2);
    }
    assertThatThrownBy(() -> openAndClose(otherDir, KeyPolicy.EXISTING_KEYS))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining(made.keyDir())
        .hasMessageContaining("pk.dump: SHA-256")
        .hasMessageContaining("delete the directory");
    CircuitKeys rebuilt = openAndClose(otherDir, KeyPolicy.DEVELOPMENT_SETUP);
    assertThat(rebuilt.reused()).isFalse();
    assertThat(rebuilt.note()).contains("rebuilt damaged development keys (pk.dump: SHA-256");
  }

  @Test
  void missingKeysAreRefusedWithoutADevelopmentSetup(@TempDir Path empty) {
    assertThatThrownBy(() -> openAndClose(empty, KeyPolicy.EXISTING_KEYS))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("no keys for state-update-d24")
        .hasMessageContaining("sable ceremony seal");
  }

  static CircuitKeys openAndClose(Path dir, KeyPolicy policy) {
    try (GnarkProver p = GnarkProver.open(StateUpdateWitness.LAYOUT, dir, policy)) {
      return p.keys();
    }
  }

  @Test
  void secondOpenReusesKeysFromDisk() {
    try (GnarkProver again =
        GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP)) {
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

  /**
   * A proof asked for an aggregate verifies as an aggregate checks it, for its own public inputs
   * only; the state-update circuit has no Groth16 commitment, so it is also the bridge's proof
   * (native/prover_test.go shows the two differ for a {@code -blob} circuit, which has one).
   */
  @Test
  void provesForAnAggregateWhenAsked() {
    StateUpdateWitness w = firstInsert(5, Fr.ofLong(77));
    Proof proof = prover.prove(w.toWitness(), ProofTarget.AGGREGATE);
    assertThat(prover.verify(proof, w.publicInputs(), ProofTarget.AGGREGATE)).isTrue();
    assertThat(prover.verify(proof, List.of(w.newRoot(), w.oldRoot()), ProofTarget.AGGREGATE))
        .isFalse();
    assertThat(prover.verify(proof, w.publicInputs(), ProofTarget.BRIDGE)).isTrue();
  }

  /**
   * An aggregate is opened only over the keys of the settlement circuit its name aggregates, and
   * only under a name {@code agg.ParseName} reads: each refused with the reason before anything is
   * compiled.
   */
  @Test
  void anAggregateIsRefusedOverKeysItDoesNotAggregate(@TempDir Path aggDir) {
    String tiny = "settlement-m1-k1-a2-d2-o2-t1-w1";
    assertThatThrownBy(
            () -> AggregateProver.open("agg1-" + tiny, prover, aggDir, KeyPolicy.DEVELOPMENT_SETUP))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("agg1-" + tiny + " aggregates proofs of " + tiny)
        .hasMessageContaining("not of " + StateUpdateWitness.CIRCUIT);
    assertThatThrownBy(
            () -> AggregateProver.open("agg0-" + tiny, prover, aggDir, KeyPolicy.DEVELOPMENT_SETUP))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("must be a positive integer");
    assertThatThrownBy(
            () -> AggregateProver.open(tiny, prover, aggDir, KeyPolicy.DEVELOPMENT_SETUP))
        .isInstanceOf(NativeException.class)
        .hasMessageContaining("is not an aggregate name");
  }

  /** The library's aggregate request: each segment's data in decimal and its raw proof in hex. */
  @Test
  void anAggregateRequestCarriesEachSegmentsDataAndRawProof() throws Exception {
    Proof proof = new Proof(new byte[] {1, 2, (byte) 0xfe}, new byte[256], 0);
    Fr big = Fr.of(java.math.BigInteger.TWO.pow(200));
    String request =
        AggregateProver.request(
            List.of(
                new AggregateSegment(List.of(Fr.ofLong(5), big), proof),
                new AggregateSegment(List.of(Fr.ZERO, Fr.ONE), proof)));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(request);
    assertThat(json.path("segments")).hasSize(2);
    assertThat(json.path("segments").get(0).path("data").get(1).asText())
        .isEqualTo(java.math.BigInteger.TWO.pow(200).toString());
    assertThat(json.path("segments").get(0).path("data").get(0).asText()).isEqualTo("5");
    assertThat(json.path("segments").get(1).path("proof").asText()).isEqualTo("0102fe");
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
  void checkSolvesWithoutProvingAndNamesTheFailingConstraint() {
    StateUpdateWitness w = firstInsert(3, Fr.ofLong(10));
    assertThat(prover.check(w.toWitness()).satisfied()).isTrue();
    StateUpdateWitness wrongOldRoot =
        new StateUpdateWitness(
            Fr.ONE, w.newRoot(), w.index(), w.oldLeaf(), w.newLeaf(), w.siblings());
    WitnessCheck check = prover.check(wrongOldRoot.toWitness());
    assertThat(check.satisfied()).isFalse();
    assertThat(check.failure())
        .startsWith("state-update-d24: constraint #")
        .contains("is not satisfied")
        .contains("in the circuit's Define: ")
        .contains("stateupdate.(*Circuit).Define");
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
    GnarkProver other =
        GnarkProver.open(StateUpdateWitness.LAYOUT, keyDir, KeyPolicy.DEVELOPMENT_SETUP);
    other.close();
    assertThatThrownBy(other::solidityVerifier).isInstanceOf(IllegalStateException.class);
    assertThat(prover.solidityVerifier()).contains("contract Verifier").contains("verifyProof");
  }

  static Fr hash(Fr left, Fr right) {
    return NativePoseidon2.INSTANCE.compress(left, right);
  }
}
