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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

  int run(String... args) {
    return new CommandLine(new SableCli()).execute(args);
  }

  void contribute(Path transcript, int phase, int from, int to) {
    String in = transcript.resolve(String.format("phase%d-%04d.bin", phase, from)).toString();
    String out = transcript.resolve(String.format("phase%d-%04d.bin", phase, to)).toString();
    assertThat(run("ceremony", "contribute", "--in", in, "--out", out)).isZero();
  }

  @Test
  void threePartiesMakeKeysThatProveAndVerify() {
    Path transcript = dir.resolve("transcript");
    Path keys = dir.resolve("keys");
    assertThat(
            run(
                "ceremony",
                "init",
                "--circuit",
                "ceremony-rehearsal",
                "--dir",
                transcript.toString()))
        .isZero();
    for (int i = 0; i < 3; i++) {
      contribute(transcript, 1, i, i + 1);
    }
    assertThat(
            run("ceremony", "begin-phase2", "--dir", transcript.toString(), "--beacon", BEACON_1))
        .isZero();
    for (int i = 0; i < 3; i++) {
      contribute(transcript, 2, i, i + 1);
    }
    assertThat(
            run(
                "ceremony",
                "seal",
                "--dir",
                transcript.toString(),
                "--beacon",
                BEACON_2,
                "--key-dir",
                keys.toString()))
        .isZero();
    String verified =
        captured(
            () ->
                run(
                    "ceremony",
                    "verify",
                    "--dir",
                    transcript.toString(),
                    "--key-dir",
                    keys.toString()));
    assertThat(verified)
        .contains("3 phase 1 and 3 phase 2 contributions")
        .contains("were sealed from this transcript");

    try (GnarkProver prover = GnarkProver.open(REHEARSAL, keys, KeyPolicy.EXISTING_KEYS)) {
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
    Path ptau = Path.of(System.getProperty("sable.root"), "testdata/ptau/snarkjs-pot8.ptau");
    Path transcript = dir.resolve("transcript");
    Path keys = dir.resolve("keys");
    assertThat(
            run(
                "ceremony",
                "init",
                "--circuit",
                "ceremony-rehearsal",
                "--dir",
                transcript.toString(),
                "--ptau",
                ptau.toString()))
        .isZero();
    contribute(transcript, 2, 0, 1);
    contribute(transcript, 2, 1, 2);
    String sealed =
        captured(
            () ->
                run(
                    "ceremony",
                    "seal",
                    "--dir",
                    transcript.toString(),
                    "--beacon",
                    BEACON_2,
                    "--key-dir",
                    keys.toString(),
                    "--ptau",
                    ptau.toString()));
    assertThat(sealed)
        .contains("phase 1 imported from a powers-of-tau file")
        .contains("0 phase 1 and 2 phase 2 contributions");
    try (GnarkProver prover = GnarkProver.open(REHEARSAL, keys, KeyPolicy.EXISTING_KEYS)) {
      assertThat(prover.keys().setup().phase1Import()).matches("[0-9a-f]{64}");
      assertThat(prover.keys().setupDescription()).contains("powers-of-tau file");
    }
  }

  @Test
  void aContributionThatDoesNotExtendTheLastOneIsRejected() {
    Path transcript = dir.resolve("transcript");
    run("ceremony", "init", "--circuit", "ceremony-rehearsal", "--dir", transcript.toString());
    contribute(transcript, 1, 0, 1);
    contribute(transcript, 1, 1, 2);
    contribute(transcript, 1, 1, 3); // built on 0001, not on the last file 0002
    String stderr = capturedErr(() -> run("ceremony", "verify", "--dir", transcript.toString()));
    assertThat(stderr.strip())
        .startsWith("sable ceremony verify: ")
        .contains("phase1-0003.bin does not extend phase1-0002.bin")
        .doesNotContain("\n");
    assertThat(
            run("ceremony", "begin-phase2", "--dir", transcript.toString(), "--beacon", BEACON_1))
        .isEqualTo(1);
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
      assertThat(command.getAsInt()).isEqualTo(1);
    } finally {
      System.setErr(stderr);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
