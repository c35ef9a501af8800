package dev.sable.devnet;

import java.time.Duration;
import java.util.List;
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
   * Anvil's ten well-known dev accounts (from its default mnemonic), funded when it starts: never
   * use them on a real chain.
   */
  private static final List<String> DEV_KEYS =
      List.of(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
          "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
          "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
          "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
          "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
          "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
          "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
          "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
          "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
          "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

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

  /** Starts anvil on a port of its choosing and waits until it reports the port. */
  public static AnvilNode start(Toolchain toolchain) {
    return start(toolchain, 0, List.of());
  }

  /**
   * Starts anvil on {@code port} (0: its choice) with extra options (e.g. {@code --state FILE}, to
   * keep the chain across restarts) and waits until it reports the port it listens on.
   */
  public static AnvilNode start(Toolchain toolchain, int port, List<String> options) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                toolchain.anvil().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--chain-id",
                Long.toString(CHAIN_ID)));
    command.addAll(options);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process process = ChildProcesses.start(pb);
    CompletableFuture<Integer> reported = new CompletableFuture<>();
    OutputTail output =
        OutputTail.follow(
            process.getInputStream(),
            "anvil",
            20,
            line -> {
              Matcher m = LISTENING.matcher(line);
              if (m.find()) {
                reported.complete(Integer.parseInt(m.group(1)));
              }
            });
    process.onExit().thenRun(() -> reported.complete(-1));
    int listening;
    try {
      listening = reported.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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

  public int port() {
    return port;
  }

  /** The funded dev account that deploys and operates the bridge on this chain. */
  public Credentials devAccount() {
    return devAccount(0);
  }

  /** Anvil's dev account {@code index} (0 to 9), funded on every anvil chain. */
  public static Credentials devAccount(int index) {
    return Credentials.create(DEV_KEYS.get(index));
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
