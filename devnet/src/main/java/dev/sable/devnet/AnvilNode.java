package dev.sable.devnet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/**
 * A local anvil dev chain on 127.0.0.1, stopped on close and killed with this JVM (see {@link
 * ChildProcesses}). anvil binds a port of its own choosing ({@code --port 0}) and reports it, so
 * the port is anvil's before anyone uses it; its output is kept for error messages.
 */
public final class AnvilNode implements AutoCloseable {
  /**
   * Anvil's first well-known dev account (from its default mnemonic): never use on a real chain.
   */
  private static final String DEV_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  public static final long CHAIN_ID = 31337;

  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final OutputTail output;
  private final int port;

  private AnvilNode(Process process, OutputTail output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** Starts anvil and waits until it reports the port it listens on. */
  public static AnvilNode start(Toolchain toolchain) {
    ProcessBuilder pb =
        new ProcessBuilder(
                toolchain.anvil().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--chain-id",
                Long.toString(CHAIN_ID))
            .redirectErrorStream(true);
    Process process = ChildProcesses.start(pb);
    CompletableFuture<Integer> port = new CompletableFuture<>();
    OutputTail output =
        OutputTail.follow(
            process.getInputStream(),
            "anvil",
            20,
            line -> {
              Matcher m = LISTENING.matcher(line);
              if (m.find()) {
                port.complete(Integer.parseInt(m.group(1)));
              }
            });
    process.onExit().thenRun(() -> port.complete(-1));
    int listening;
    try {
      listening = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      stop(process);
      throw new DevnetException(
          "anvil reported no port within " + START_TIMEOUT.toSeconds() + " s: " + output.summary());
    }
    AnvilNode node = new AnvilNode(process, output, listening);
    if (listening < 0) {
      throw new DevnetException("anvil did not start: " + node.diagnosis());
    }
    return node;
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The funded dev account that deploys and operates the bridge on this chain. */
  public Credentials devAccount() {
    return Credentials.create(DEV_KEY);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** How anvil is doing, for an error message: running or its exit code, and its last output. */
  public String diagnosis() {
    if (process.isAlive()) {
      return "anvil is running; its last output: " + output.summary();
    }
    output.awaitEnd(1_000);
    return "anvil exited with code "
        + process.exitValue()
        + "; its last output: "
        + output.summary();
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
