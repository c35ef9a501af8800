package dev.sable.cli;

import dev.sable.cli.CeremonyOptions.Beacon;
import dev.sable.cli.CeremonyOptions.Ptau;
import dev.sable.cli.CeremonyOptions.Transcript;
import dev.sable.prover.ceremony.Ceremony;
import dev.sable.prover.ceremony.CeremonyHeader;
import dev.sable.prover.ceremony.CeremonyReport;
import dev.sable.prover.ceremony.Contributed;
import dev.sable.prover.ceremony.Contribution;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable ceremony}: a multi-party trusted setup for a circuit's Groth16 keys, one step per
 * subcommand, files in and files out (docs/trust.md says how to run and check one). A failed step
 * (a contribution that does not extend the last one, a wrong beacon, a missing file) is the native
 * library's one-line message with exit code 4, like every prover failure ({@link FailureReport}).
 */
@Command(
    name = "ceremony",
    mixinStandardHelpOptions = true,
    description = {
      "Multi-party trusted setup of a circuit's proving and verifying keys.",
      "Steps: init; contribute (each participant, on their own machine; any number); begin-phase2"
          + " (seals phase 1 with a beacon); contribute again; seal (installs the keys); verify"
          + " (anyone, any time)."
    })
public final class CeremonyCommand {
  private final PrintStream out = System.out;

  @Command(name = "init", description = "Start a ceremony for a circuit in an empty directory.")
  int init(
      @Option(names = "--circuit", required = true, description = "Catalog circuit name.")
          String circuit,
      @Mixin Transcript transcript,
      @Option(
              names = "--ptau",
              description =
                  "Import phase 1 from this public powers-of-tau file (snarkjs .ptau) instead of"
                      + " running it.")
          Path ptau) {
    Path dir = transcript.dir;
    CeremonyHeader h = Ceremony.init(circuit, dir, ptau);
    int phase = h.phase1Import() == null ? 1 : 2;
    out.printf(
        "ceremony for %s (circuit hash %s, domain size %d) started in %s%n",
        h.circuit(), h.circuitHash(), h.domainSize(), dir);
    if (phase == 2) {
      out.printf("phase 1 imported from %s (sha256 %s)%n", ptau, h.phase1Import());
    }
    out.printf(
        "first participant: sable ceremony contribute --in %s --out phase%d-0001.bin%n",
        dir.resolve("phase" + phase + "-0000.bin"), phase);
    return 0;
  }

  @Command(
      name = "contribute",
      description = "Add this machine's randomness to the last contribution file.")
  int contribute(
      @Option(names = "--in", required = true, description = "The last contribution file.") Path in,
      @Option(names = "--out", required = true, description = "The new file (must not exist).")
          Path out) {
    Contributed c = Ceremony.contribute(in, out);
    this.out.printf(
        "phase %d contribution written to %s%n  extends %s (sha256 %s)%n"
            + "  contribution sha256 %s: publish it; it must appear in the verified"
            + " transcript%n",
        c.phase(), out, c.previous().file(), c.previous().sha256(), c.next().sha256());
    return 0;
  }

  @Command(
      name = "begin-phase2",
      description = "Verify and seal phase 1 with a beacon; write the initial phase 2.")
  int beginPhase2(@Mixin Transcript transcript, @Mixin Beacon beacon) {
    CeremonyReport r = Ceremony.beginPhase2(transcript.dir, beacon.hex);
    out.printf(
        "phase 1 verified (%d contributions) and sealed; phase 2 starts from %s%n",
        r.phase1Contributions(), transcript.dir.resolve("phase2-0000.bin"));
    return 0;
  }

  @Command(
      name = "seal",
      description = "Verify the transcript, seal phase 2 with a beacon, install the keys.")
  int seal(
      @Mixin Transcript transcript,
      @Mixin Beacon beacon,
      @Option(names = "--key-dir", required = true, description = "Where to install the keys.")
          Path keyDir,
      @Mixin Ptau ptau) {
    CeremonyReport r = Ceremony.seal(transcript.dir, beacon.hex, keyDir, ptau.file);
    printReport(r);
    out.printf("ceremony keys installed in %s%n", r.keyDir());
    return 0;
  }

  @Command(
      name = "verify",
      description = "Re-verify a whole transcript; with --key-dir, that its keys came from it.")
  int verify(
      @Mixin Transcript transcript,
      @Option(names = "--key-dir", description = "A key directory to check against the transcript.")
          Path keyDir,
      @Mixin Ptau ptau) {
    CeremonyReport r = Ceremony.verify(transcript.dir, keyDir, ptau.file);
    printReport(r);
    if (r.keyDir() != null) {
      out.printf("the keys in %s were sealed from this transcript%n", r.keyDir());
    }
    return 0;
  }

  private void printReport(CeremonyReport r) {
    out.printf(
        "transcript of %s (circuit hash %s) verified: %d phase 1 and %d phase 2 contributions%n",
        r.circuit(), r.circuitHash(), r.phase1Contributions(), r.phase2Contributions());
    if (r.phase1Import() != null) {
      out.printf("  phase 1 imported from a powers-of-tau file, sha256 %s%n", r.phase1Import());
    }
    printChain(r.phase1());
    printChain(r.phase2());
    if (r.transcriptHash() != null) {
      out.printf(
          "sealed: transcript hash %s, verifying key hash %s%n",
          r.transcriptHash(), r.verifyingKeyHash());
    }
  }

  private void printChain(List<Contribution> chain) {
    chain.forEach(c -> out.printf("  %s  sha256 %s%n", c.file(), c.sha256()));
  }
}
