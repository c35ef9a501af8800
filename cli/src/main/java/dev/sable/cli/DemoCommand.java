package dev.sable.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sable.devnet.Toolchain;
import dev.sable.devnet.demo.Demo;
import dev.sable.devnet.demo.DemoScenario;
import dev.sable.devnet.demo.DemoSummary;
import dev.sable.devnet.demo.EscapeSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sable demo}: deposits through the bridge, trading through the node, settlement batches
 * proven with gnark and verified by the bridge on a local anvil, a withdrawal claimed on L1; with
 * {@code --scenario escape}, then the node stops and a trader exits the frozen bridge from L1 data.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run a node on embedded defaults against a local L1 (anvil: collateral token, settlement"
            + " bridge), simulated traders depositing through the bridge, sending sealed orders"
            + " through the SDK over HTTP and withdrawing to L1; settlement batches proven and"
            + " verified on L1, a withdrawal claimed. --scenario escape then stops the node, lets a"
            + " forced withdrawal go overdue, freezes the bridge and exits a trader from L1 data"
            + " alone.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--batches",
      defaultValue = "3",
      description =
          "Batches to see verified on L1 before stopping (1 to " + Demo.MAX_BATCHES + ").")
  int batches;

  @Option(
      names = "--scenario",
      defaultValue = "plain",
      paramLabel = "NAME",
      converter = ScenarioConverter.class,
      description =
          "plain (default), or escape: after the batches the node stops, a trader's forced"
              + " withdrawal goes overdue, another account freezes the bridge and the trader exits"
              + " from L1 data alone (as sable trader exit); the summary adds escape_exit_paid,"
              + " escape_exit_amount and escape_expected_equity.")
  DemoScenario scenario;

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
        new Demo(toolchain, keys, line -> System.out.println("  " + line)).run(batches, scenario);
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
    System.out.printf(
        "sable demo: %d account(s) in portfolio margin mode at the end%n",
        result.portfolioAccounts());
    EscapeSummary escape = result.escape();
    if (escape != null) {
      System.out.printf(
          "sable demo --scenario escape: account %d exited from L1 data with %d (%s), the node's"
              + " last proven state gave it %d; a second exit %s; %d account(s) exited, the"
              + " bridge keeps %d (solvency identity %s)%n",
          escape.account(),
          escape.amount(),
          escape.paid() ? "paid" : "NOT paid",
          escape.expectedEquity(),
          escape.secondExitRefused() ? "refused" : "NOT refused",
          escape.exits(),
          escape.bridgeBalanceLeft(),
          escape.solvent() ? "holds" : "does NOT hold");
    }
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
                        : escape == null || escape.succeeded() ? null : escapeFailure(escape);
    if (failed != null) {
      System.err.println("sable demo: check failed: " + failed);
      return ExitCode.CHECK_FAILED.code();
    }
    return ExitCode.OK.code();
  }

  private static String escapeFailure(EscapeSummary e) {
    return !e.paid()
        ? "the escape's claim did not pay the exit's amount"
        : e.amount() != e.expectedEquity()
            ? "the exit paid "
                + e.amount()
                + ", the node's last proven state gave the account "
                + e.expectedEquity()
            : !e.secondExitRefused()
                ? "a second exit of the account was not refused"
                : "the bridge's balance before the exits is not the exits paid, the unclaimed"
                    + " credits and what no key can exit (the run's log shows both sides)";
  }

  /** Scenario names in lower case, as the help shows them. */
  static final class ScenarioConverter implements CommandLine.ITypeConverter<DemoScenario> {
    @Override
    public DemoScenario convert(String value) {
      for (DemoScenario s : DemoScenario.values()) {
        if (s.name().equalsIgnoreCase(value)) {
          return s;
        }
      }
      throw new CommandLine.TypeConversionException(
          "expected plain or escape, got '" + value + "'");
    }
  }
}
