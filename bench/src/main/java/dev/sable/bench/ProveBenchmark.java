package dev.sable.bench;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.batch.sample.PreparedBatch;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.prover.Proof;
import dev.sable.prover.WitnessCheck;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Proves one full settlement batch through the whole Java path: the batch builder makes the
 * witness, the native library checks it (solver only), proves it with development keys (set up once
 * per capacity and cached) and verifies the proof. Wall time, process CPU time and the process's
 * peak resident set (the JVM and Go's heap) during the proof are measured.
 */
public final class ProveBenchmark {
  private ProveBenchmark() {}

  /**
   * One measured batch.
   *
   * @param operations the batch's operations of its kind (trades, deposits, withdrawals,
   *     liquidations or ADL fills)
   * @param buildMs the batch builder's time (rules, tree writes, witness)
   * @param keyMs opening (or setting up) and checking the keys
   * @param checkMs solving the constraint system without proving
   * @param proveMs the proof's wall time
   * @param cpuMs the process's CPU time during the proof (all cores)
   * @param peakMb the process's peak resident set during the proof
   */
  public record Measured(
      String kind,
      Capacities capacities,
      int operations,
      int constraints,
      long buildMs,
      boolean keysReused,
      long keyMs,
      long checkMs,
      long proveMs,
      long cpuMs,
      long peakMb) {
    public long constraintsPerOperation() {
      return constraints / operations;
    }

    public double msPerOperation() {
      return (double) proveMs / operations;
    }
  }

  public static Measured run(String kind, PreparedBatch prepared, Path keyDir) {
    long start = System.nanoTime();
    BuiltBatch built = prepared.world().build(prepared.batch());
    long buildMs = millisSince(start);
    Capacities caps = built.witness().capacities();
    start = System.nanoTime();
    try (GnarkProver prover =
        GnarkProver.open(SettlementCircuit.layout(caps), keyDir, KeyPolicy.DEVELOPMENT_SETUP)) {
      long keyMs = millisSince(start);
      start = System.nanoTime();
      WitnessCheck check = prover.check(built.gnarkWitness());
      long checkMs = millisSince(start);
      if (!check.satisfied()) {
        throw new IllegalStateException("the benchmark batch is not provable: " + check.failure());
      }
      resetPeak();
      long cpu = processCpuNanos();
      start = System.nanoTime();
      Proof proof = prover.prove(built.gnarkWitness());
      long proveMs = millisSince(start);
      long cpuMs = (processCpuNanos() - cpu) / 1_000_000;
      long peak = peakMb();
      if (!prover.verify(proof, built.witness().publicInputs().asList())) {
        throw new IllegalStateException("the benchmark proof does not verify");
      }
      return new Measured(
          kind,
          caps,
          prepared.operations(),
          prover.keys().constraints(),
          buildMs,
          prover.keys().reused(),
          keyMs,
          checkMs,
          proveMs,
          cpuMs,
          peak);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Resets the kernel's peak-RSS mark of this process (Linux: clear_refs 5). */
  private static void resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException e) {
      // older kernels: the peak then covers the whole process so far, which the report says
    }
  }

  /** The process's peak resident set (VmHWM) in MB, -1 if unknown. */
  static long peakMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.split("\\s+")[1]) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
