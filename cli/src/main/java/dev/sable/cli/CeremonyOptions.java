package dev.sable.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options several {@code sable ceremony} steps share (picocli mixins). */
final class CeremonyOptions {
  private CeremonyOptions() {}

  static final class Transcript {
    @Option(names = "--dir", required = true, description = "Transcript directory.")
    Path dir;
  }

  static final class Beacon {
    @Option(
        names = "--beacon",
        required = true,
        description = "Public randomness fixed after the last contribution (hex, >= 16 bytes).")
    String hex;
  }

  static final class Ptau {
    @Option(names = "--ptau", description = "The powers-of-tau file phase 1 was imported from.")
    Path file;
  }
}
