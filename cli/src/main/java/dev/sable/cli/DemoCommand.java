package dev.sable.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sable.devnet.Toolchain;
import dev.sable.devnet.demo.Demo;
import dev.sable.devnet.demo.DemoSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sable demo}: deposits through the bridge, trading through the node, settlement batches
 * proven with gnark and verified by the bridge on a local anvil, a withdrawal claimed on L1.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run a node on embedded defaults against a local L1 (anvil: collateral token, settlement"
            + " bridge), simulated traders depositing through the bridge, sending sealed orders"
            + " through the SDK over HTTP and withdrawing to L1; settlement batches proven and"
            + " verified on L1, a withdrawal claimed.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--batches",
      defaultValue = "3",
      description =
          "Batches to see verified on L1 before stopping (1 to " + Demo.MAX_BATCHES + ").")
  int batches;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Write the run's figures as JSON to FILE (its directory must exist).")
  Path summary;

  @Option(
      names = "--key-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:sable.root:-${env:SABLE_ROOT:-.}}/.sable/keys",
      description = "Where proving keys are cached (created if missing).")
  Path keyDir;

  @Override
  public Integer call() throws IOException {
    if (batches < 1 || batches > Demo.MAX_BATCHES) {
      throw new UsageException("--batches must be between 1 and " + Demo.MAX_BATCHES);
    }
    Path summaryFile = summary == null ? null : OutputPaths.writableFile(summary, "--summary");
    Path keys = OutputPaths.writableDirectory(keyDir, "--key-dir");
    Toolchain toolchain = Toolchain.fromEnvironment().requireInstalled();
    DemoSummary result =
        new Demo(toolchain, keys, line -> System.out.println("  " + line)).run(batches);
    boolean agree = result.nodeRoot().equals(result.l1Root());
    System.out.printf(
        "sable demo: %d deposits from L1 and %d withdrawal(s) claimed on L1; %d orders"
            + " acknowledged (ack p99 %.1f ms), %d trade(s) and %d liquidation(s) proven; %d"
            + " batches verified on L1"
            + " (%s, %d constraints, last proof %d ms, %d gas per batch); node root %s L1 root"
            + " (%s)%n",
        result.depositsFromL1(),
        result.withdrawalsClaimed(),
        result.ordersAcked(),
        result.ackP99Ms(),
        result.tradesProven(),
        result.liquidationsProven(),
        result.batchesVerifiedOnL1(),
        result.circuit(),
        result.constraints(),
        result.proveMs(),
        result.l1GasPerBatch(),
        agree ? "==" : "!=",
        result.l1Root());
    if (summaryFile != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(summaryFile.toFile(), result);
      System.out.println("summary written to " + summaryFile);
    }
    String failed =
        !agree
            ? "the node's root " + result.nodeRoot() + " is not L1's " + result.l1Root()
            : result.batchesVerifiedOnL1() < batches
                ? result.batchesVerifiedOnL1() + " of " + batches + " batches verified on L1"
                : result.withdrawalsClaimed() < 1
                    ? "no withdrawal was paid in full on L1"
                    : result.liquidationsProven() < 1
                        ? "no liquidation was proven in a batch L1 verified"
                        : null;
    if (failed != null) {
      System.err.println("sable demo: check failed: " + failed);
      return ExitCode.CHECK_FAILED.code();
    }
    return ExitCode.OK.code();
  }
}
