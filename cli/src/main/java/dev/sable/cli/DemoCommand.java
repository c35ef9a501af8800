package dev.sable.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sable.devnet.Toolchain;
import dev.sable.devnet.demo.Demo;
import dev.sable.devnet.demo.DemoSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sable demo}: batches proven with gnark and verified by the bridge on a local anvil. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a node on embedded defaults against a local L1 (anvil) and prove batches.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--batches", defaultValue = "3", description = "Batches to prove and post.")
  int batches;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Write the run's figures as JSON to FILE.")
  Path summary;

  @Option(
      names = "--key-dir",
      paramLabel = "DIR",
      description = "Where proving keys are cached (default: <checkout>/.sable/keys).")
  Path keyDir;

  @Override
  public Integer call() throws Exception {
    if (batches < 1) {
      System.err.println("sable demo: --batches must be at least 1");
      return 2;
    }
    Toolchain toolchain = Toolchain.fromEnvironment();
    Path keys = keyDir != null ? keyDir : toolchain.root().resolve(".sable/keys");
    DemoSummary result =
        new Demo(toolchain, keys, line -> System.out.println("  " + line)).run(batches);
    boolean agree = result.nodeRoot().equals(result.l1Root());
    System.out.printf(
        "sable demo: %d batches verified on L1; node root %s L1 root (%s); "
            + "last proof %d ms, %d constraints; submitBatch gas %d%n",
        result.batchesVerifiedOnL1(),
        agree ? "==" : "!=",
        result.l1Root(),
        result.proveMs(),
        result.constraints(),
        result.submitGas());
    if (summary != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(summary.toFile(), result);
      System.out.println("summary written to " + summary);
    }
    return agree && result.batchesVerifiedOnL1() == batches ? 0 : 1;
  }
}
