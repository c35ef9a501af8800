package dev.sable.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Credentials;

/** A local anvil dev chain on 127.0.0.1 at a free port, stopped on close. */
public final class AnvilNode implements AutoCloseable {
  /**
   * Anvil's first well-known dev account (from its default mnemonic): never use on a real chain.
   */
  private static final String DEV_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  public static final long CHAIN_ID = 31337;

  private final Process process;
  private final int port;

  private AnvilNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts anvil and waits until it listens. */
  public static AnvilNode start(Toolchain toolchain) {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                toolchain.anvil().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--chain-id",
                Long.toString(CHAIN_ID))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting anvil", e);
    }
    AnvilNode node = new AnvilNode(process, port);
    node.awaitListening(Duration.ofSeconds(30));
    return node;
  }

  /** anvil block-buffers its banner when piped, so readiness is polled on the port instead. */
  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited with code " + process.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(50));
      }
    }
    close();
    throw new IllegalStateException("anvil did not listen on port " + port + " within " + timeout);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting anvil", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("finding a free port", e);
    }
  }

  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The funded dev account that deploys and operates the bridge on this chain. */
  public Credentials devAccount() {
    return Credentials.create(DEV_KEY);
  }

  @Override
  public void close() {
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
