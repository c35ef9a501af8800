package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import dev.sable.prover.WitnessField;
import dev.sable.prover.WitnessLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sable ceremony` end to end on the small rehearsal circuit, three participants per phase. */
class CeremonyCommandTest {
  static final WitnessLayout REHEARSAL =
      WitnessLayout.of(
          "ceremony-rehearsal",
          WitnessField.publicInput("Digest"),
          WitnessField.secret("Left"),
          WitnessField.secret("Right"));
  static final String BEACON_1 = "00112233445566778899aabbccddeeff";
  static final String BEACON_2 = "ffeeddccbbaa99887766554433221100";

  @TempDir Path dir;

  static int run(String... args) {
    return CommandLines.create(new SableCli()).execute(args);
  }

  /** `sable ceremony STEP --dir TRANSCRIPT MORE...`. */
  static int ceremony(String step, Path transcript, String... more) {
    List<String> args = new ArrayList<>(List.of("ceremony", step, "--dir", transcript.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  static void contribute(Path transcript, int phase, int from, int to) {
    String in = transcript.resolve(String.format("phase%d-%04d.bin", phase, from)).toString();
    String out = transcript.resolve(String.format("phase%d-%04d.bin", phase, to)).toString();
    assertThat(run("ceremony", "contribute", "--in", in, "--out", out)).isZero();
  }

  @Test
  void threePartiesMakeKeysThatProveAndVerify() {
    Path transcript = dir.resolve("transcript");
    String keys = dir.resolve("keys").toString();
    assertThat(ceremony("init", transcript, "--circuit", "ceremony-rehearsal")).isZero();
    for (int i = 0; i < 3; i++) {
      contribute(transcript, 1, i, i + 1);
    }
    assertThat(ceremony("begin-phase2", transcript, "--beacon", BEACON_1)).isZero();
    for (int i = 0; i < 3; i++) {
      contribute(transcript, 2, i, i + 1);
    }
    assertThat(ceremony("seal", transcript, "--beacon", BEACON_2, "--key-dir", keys)).isZero();
    assertThat(captured(() -> ceremony("verify", transcript, "--key-dir", keys)))
        .contains("3 phase 1 and 3 phase 2 contributions")
        .contains("were sealed from this transcript");

    try (GnarkProver prover = GnarkProver.open(REHEARSAL, Path.of(keys), KeyPolicy.EXISTING_KEYS)) {
      assertThat(prover.keys().setup().kind()).isEqualTo("ceremony");
      assertThat(prover.keys().setup().phase1Contributions()).isEqualTo(3);
      assertThat(prover.keys().setupDescription()).startsWith("ceremony keys");
      Fr left = Fr.ofLong(40);
      Fr right = Fr.ofLong(2);
      Fr digest = Poseidon2.INSTANCE.compress(left, right);
      Proof proof =
          prover.prove(
              REHEARSAL
                  .assign()
                  .set("Digest", digest)
                  .set("Left", left)
                  .set("Right", right)
                  .witness());
      assertThat(prover.verify(proof, List.of(digest))).isTrue();
      assertThat(prover.verify(proof, List.of(Poseidon2.INSTANCE.compress(right, left)))).isFalse();
    }
  }

  /** Phase 1 from a powers-of-tau file made by snarkjs (testdata/ptau, see its script). */
  @Test
  void phase1CanBeImportedFromAPublicPowersOfTauFile() {
    String ptau =
        Path.of(System.getProperty("sable.root"), "testdata/ptau/snarkjs-pot8.ptau").toString();
    Path transcript = dir.resolve("transcript");
    String keys = dir.resolve("keys").toString();
    assertThat(ceremony("init", transcript, "--circuit", "ceremony-rehearsal", "--ptau", ptau))
        .isZero();
    contribute(transcript, 2, 0, 1);
    contribute(transcript, 2, 1, 2);
    String sealed =
        captured(
            () ->
                ceremony(
                    "seal", transcript, "--beacon", BEACON_2, "--key-dir", keys, "--ptau", ptau));
    assertThat(sealed)
        .contains("phase 1 imported from a powers-of-tau file")
        .contains("0 phase 1 and 2 phase 2 contributions");
    try (GnarkProver prover = GnarkProver.open(REHEARSAL, Path.of(keys), KeyPolicy.EXISTING_KEYS)) {
      assertThat(prover.keys().setup().phase1Import()).matches("[0-9a-f]{64}");
      assertThat(prover.keys().setupDescription()).contains("powers-of-tau file");
    }
  }

  @Test
  void aContributionThatDoesNotExtendTheLastOneIsRejected() {
    Path transcript = dir.resolve("transcript");
    assertThat(ceremony("init", transcript, "--circuit", "ceremony-rehearsal")).isZero();
    contribute(transcript, 1, 0, 1);
    contribute(transcript, 1, 1, 2);
    contribute(transcript, 1, 1, 3); // built on 0001, not on the last file 0002
    assertThat(capturedErr(() -> ceremony("verify", transcript)).strip())
        .startsWith("sable ceremony verify: ")
        .contains("phase1-0003.bin does not extend phase1-0002.bin")
        .doesNotContain("\n");
    assertThat(ceremony("begin-phase2", transcript, "--beacon", BEACON_1))
        .isEqualTo(ExitCode.PROVER.code());
  }

  static String captured(java.util.function.IntSupplier command) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      assertThat(command.getAsInt()).isZero();
    } finally {
      System.setOut(stdout);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  static String capturedErr(java.util.function.IntSupplier command) {
    PrintStream stderr = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      assertThat(command.getAsInt()).isEqualTo(ExitCode.PROVER.code());
    } finally {
      System.setErr(stderr);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
