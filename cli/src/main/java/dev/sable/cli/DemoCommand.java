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

/** {@code sable demo}: batches proven with gnark and verified by the bridge on a local anvil. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run a node on embedded defaults against a local L1 (anvil), simulated traders sending"
            + " sealed orders through the SDK over HTTP, and batches proven and verified on L1.")
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
        "sable demo: %d orders acknowledged (ack p99 %.1f ms); %d batches verified on L1;"
            + " node root %s L1 root (%s); last proof %d ms, %d constraints; submitBatch gas %d%n",
        result.ordersAcked(),
        result.ackP99Ms(),
        result.batchesVerifiedOnL1(),
        agree ? "==" : "!=",
        result.l1Root(),
        result.proveMs(),
        result.constraints(),
        result.submitGas());
    if (summaryFile != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(summaryFile.toFile(), result);
      System.out.println("summary written to " + summaryFile);
    }
    if (!agree || result.batchesVerifiedOnL1() < batches) {
      System.err.printf(
          "sable demo: check failed: %s%n",
          agree
              ? result.batchesVerifiedOnL1() + " of " + batches + " batches verified on L1"
              : "the node's root " + result.nodeRoot() + " is not L1's " + result.l1Root());
      return ExitCode.CHECK_FAILED.code();
    }
    return ExitCode.OK.code();
  }
}
