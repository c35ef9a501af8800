package dev.sable.cli;

import dev.sable.devnet.LocalL1;
import dev.sable.devnet.Toolchain;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.l1.L1Connector;
import dev.sable.node.l1.RpcL1;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sable node run}: the node, until SIGTERM or Ctrl-C. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a Sable node.",
    subcommands = {NodeCommand.Run.class})
public final class NodeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Start the node: shielded intake, the journal, the sequencer, the API (REST, WebSocket,"
            + " /metrics, /health, /ready) and the batch pipeline to L1.",
        "Settings: embedded defaults, then --config, then SABLE_* environment variables"
            + " (docs/node.md). With l1.mode local (the default) the node starts its own anvil."
      })
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings (docs/node.md).")
    Path config;

    @Option(
        names = "--log-format",
        defaultValue = "text",
        description = "text, or json: one JSON object per log line (${COMPLETION-CANDIDATES}).",
        converter = LogFormatConverter.class)
    LogFormat logFormat;

    /** Case-insensitive log format names. */
    static final class LogFormatConverter implements CommandLine.ITypeConverter<LogFormat> {
      @Override
      public LogFormat convert(String value) {
        return LogFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      }
    }

    @Override
    public Integer call() throws InterruptedException {
      logFormat.apply();
      NodeConfig settings = ConfigLoader.load(config, System.getenv());
      L1Connector l1 =
          switch (settings.l1().mode()) {
            case LOCAL ->
                new LocalL1(
                    Toolchain.fromEnvironment().requireInstalled(),
                    settings.dataDir().resolve("l1"));
            case RPC ->
                new RpcL1(
                    settings.l1().rpcUrl(),
                    settings.l1().chainId(),
                    settings.l1().bridge(),
                    settings.l1().operatorKey(),
                    settings.l1().rpcTimeout());
            case NONE -> null;
          };
      Node node = Node.start(settings, l1, line -> System.out.println("sable node: " + line));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.close();
                    stopped.countDown();
                  },
                  "sable-shutdown"));
      System.out.println(
          "sable node: ready at http://"
              + settings.http().host()
              + ":"
              + node.httpPort()
              + " (journal at entry "
              + node.journaledSequence()
              + "); stop with Ctrl-C");
      stopped.await();
      return ExitCode.OK.code();
    }
  }
}
