package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command that talks to L1 waits {@code --l1-rpc-timeout} seconds for each answer (default
 * 60, the node's l1.rpcTimeoutSeconds), not web3j's 10 s: an endpoint that never answers is given
 * up after the timeout given, in one line naming the option; a timeout outside 1 to 3600 is a usage
 * error.
 */
class L1RpcTimeoutTest {
  static final String BRIDGE = "0x" + "00".repeat(19) + "01";

  @TempDir Path dir;

  @Test
  void everyCommandWithAnL1RpcWaitsSixtySecondsUnlessTold() {
    List<String> withRpc = new ArrayList<>();
    collect(CommandLines.create(new SableCli()), withRpc);
    assertThat(withRpc)
        .as("the commands taking --l1-rpc")
        .contains(
            "sable verify",
            "sable trader deposit",
            "sable trader withdraw",
            "sable trader claim",
            "sable trader exit",
            "sable trader order");
  }

  /** Adds each command with --l1-rpc to {@code out}, checking its --l1-rpc-timeout. */
  private static void collect(CommandLine cmd, List<String> out) {
    if (cmd.getCommandSpec().findOption("--l1-rpc") != null) {
      OptionSpec timeout = cmd.getCommandSpec().findOption("--l1-rpc-timeout");
      assertThat(timeout).as(cmd.getCommandSpec().qualifiedName()).isNotNull();
      assertThat(timeout.defaultValue()).isEqualTo("60");
      out.add(cmd.getCommandSpec().qualifiedName());
    }
    cmd.getSubcommands().values().forEach(c -> collect(c, out));
  }

  @Test
  void aSilentL1IsGivenUpAfterTheTimeoutGivenNamingTheOption() throws IOException {
    Path key = dir.resolve("trader.key");
    TraderKey.generate(new SecureRandom()).save(key);
    Path l1Key = dir.resolve("l1.key");
    Files.writeString(l1Key, "11".repeat(32));
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String rpc = "http://127.0.0.1:" + silent.getLocalPort();
      for (List<String> command :
          List.of(
              List.of("verify", "--bridge", BRIDGE),
              List.of(
                  "trader",
                  "exit",
                  "--bridge",
                  BRIDGE,
                  "--key",
                  key.toString(),
                  "--l1-key-file",
                  l1Key.toString()))) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--l1-rpc", rpc, "--l1-rpc-timeout", "1"));
        long start = System.nanoTime();
        TraderTransfersTest.Run run = TraderTransfersTest.run(args.toArray(String[]::new));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.L1.code());
        assertThat(run.err())
            .contains("L1 at " + rpc + " did not answer within 1 s ")
            .contains("(--l1-rpc-timeout)");
        // web3j's own client would have waited 10 s
        assertThat(seconds).as("%s gave up after", command).isLessThan(9);
      }
    }
  }

  @Test
  void aTimeoutOutsideOneToThreeThousandSixHundredSecondsIsAUsageError() {
    for (String seconds : List.of("0", "3601")) {
      TraderTransfersTest.Run run =
          TraderTransfersTest.run(
              "verify",
              "--l1-rpc",
              "http://127.0.0.1:9",
              "--bridge",
              BRIDGE,
              "--l1-rpc-timeout",
              seconds);
      assertThat(run.code()).isEqualTo(ExitCode.USAGE.code());
      assertThat(run.err()).contains("--l1-rpc-timeout must be 1 to 3600 seconds, not " + seconds);
    }
  }
}
