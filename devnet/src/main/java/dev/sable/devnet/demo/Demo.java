package dev.sable.devnet.demo;

import dev.sable.crypto.OrderMessage;
import dev.sable.devnet.LocalL1;
import dev.sable.devnet.ScratchDirectory;
import dev.sable.devnet.Toolchain;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.sdk.BridgeOperator;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo: a node on embedded defaults with a local L1 (anvil), and simulated traders that use the
 * SDK over HTTP: each deposits through the development faucet, then they trade with sealed, signed
 * orders that cross. The node journals and acknowledges them, the sequencer matches them, and the
 * pipeline proves the changed account leaves and posts them to the bridge.
 */
public final class Demo {
  /** The most batches a run waits for: each trader's account gives at least one batch. */
  public static final int MAX_BATCHES = 256;

  private static final int MIN_TRADERS = 4;
  private static final int ORDERS_PER_TRADER = 25;
  private static final long PRICE = 3000;

  private final Toolchain toolchain;
  private final Path keyDir;
  private final Consumer<String> log;

  public Demo(Toolchain toolchain, Path keyDir, Consumer<String> log) {
    this.toolchain = toolchain;
    this.keyDir = keyDir;
    this.log = log;
  }

  /**
   * Runs until {@code batches} (1 to MAX_BATCHES) batches are verified on L1 and reports what L1
   * ended up with. There are at least as many traders as batches wanted, since each changed account
   * makes at least one batch.
   */
  public DemoSummary run(int batches) {
    if (batches < 1 || batches > MAX_BATCHES) {
      throw new IllegalArgumentException("batches must be between 1 and " + MAX_BATCHES);
    }
    long start = System.nanoTime();
    try (ScratchDirectory data =
        ScratchDirectory.create(toolchain.root().resolve(".sable/tmp"), "demo-")) {
      return run(batches, data.path(), start);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's data directory", e);
    }
  }

  private DemoSummary run(int batches, Path data, long start) {
    int traderCount = Math.max(MIN_TRADERS, batches + batches % 2);
    NodeConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SABLE_DATA_DIR",
                data.toString(),
                "SABLE_HTTP_PORT",
                "0",
                "SABLE_PROVER_KEY_DIR",
                keyDir.toString(),
                "SABLE_PIPELINE_INTERVAL_MS",
                "100"));
    try (Node node = Node.start(config, new LocalL1(toolchain), log)) {
      long setupMs = node.report().keys().keyMs();
      URI base = URI.create("http://127.0.0.1:" + node.httpPort());
      log.accept(
          "node at " + base + " (started in " + (System.nanoTime() - start) / 1_000_000 + " ms)");
      SableClient client = new SableClient(base);
      byte[] operator =
          BridgeOperator.of(URI.create(node.report().rpcUrl()), node.report().bridgeAddress());
      List<Trader> traders = new ArrayList<>();
      for (int i = 0; i < traderCount; i++) {
        Trader t = new Trader(client, TraderKey.generate(new SecureRandom()), operator);
        t.devDeposit(1_000_000_000L);
        traders.add(t);
      }
      double[] ackMs = trade(traders);
      Arrays.sort(ackMs);
      double p50 = ackMs[ackMs.length / 2];
      double p99 = ackMs[(int) Math.ceil(ackMs.length * 0.99) - 1];
      log.accept(
          String.format(
              "%d traders: %d sealed orders acknowledged (durable), ack p50 %.1f ms, p99 %.1f ms",
              traderCount, ackMs.length, p50, p99));
      List<BatchRecord> verified = awaitBatches(node, batches);
      BatchRecord last = verified.get(verified.size() - 1);
      var keys = node.report().keys();
      return new DemoSummary(
          node.report().batches().recent(1).get(0).number(),
          "0x" + node.report().batches().nodeRoot(),
          "0x" + node.report().batches().l1Root(),
          last.gasUsed(),
          verified.stream().map(BatchRecord::gasUsed).toList(),
          last.proveMs(),
          verified.stream().map(BatchRecord::proveMs).toList(),
          keys.constraints(),
          keys.circuit(),
          keys.reused(),
          keys.keyDir(),
          keys.setup().kind(),
          keys.verifyingKeyHash(),
          setupMs,
          node.report().bridgeAddress(),
          ackMs.length,
          p99);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Even traders buy and odd traders sell at the same price, so their orders cross. Each trader
   * sends its orders one after another (the next when the last is acknowledged), all traders at
   * once; each order is timed from its send to its durable acknowledgement.
   */
  private static double[] trade(List<Trader> traders) {
    List<CompletableFuture<List<Double>>> chains = new ArrayList<>();
    for (int i = 0; i < traders.size(); i++) {
      Trader t = traders.get(i);
      int side = i % 2;
      CompletableFuture<List<Double>> chain = CompletableFuture.completedFuture(new ArrayList<>());
      for (int round = 0; round < ORDERS_PER_TRADER; round++) {
        OrderMessage m =
            new OrderMessage(t.account(), 0, round + 1, side, 0, PRICE, 1 + round % 3, 0, 0, 0);
        chain =
            chain.thenCompose(
                times -> {
                  long sent = System.nanoTime();
                  return t.order(m)
                      .thenApply(
                          seq -> {
                            times.add((System.nanoTime() - sent) / 1e6);
                            return times;
                          });
                });
      }
      chains.add(chain);
    }
    return chains.stream()
        .flatMap(c -> c.orTimeout(5, TimeUnit.MINUTES).join().stream())
        .mapToDouble(Double::doubleValue)
        .toArray();
  }

  /** Waits for the batches, printing each as L1 verifies it; returns them oldest first. */
  private List<BatchRecord> awaitBatches(Node node, int wanted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    List<BatchRecord> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      List<BatchRecord> recent = new ArrayList<>(node.report().batches().recent(wanted));
      recent.sort(Comparator.comparingLong(BatchRecord::number));
      for (BatchRecord r : recent) {
        if (seen.stream().noneMatch(s -> s.number() == r.number())) {
          seen.add(r);
          log.accept(
              String.format(
                  "batch %d: account %d's leaf (through journal entry %d), proved in %d ms,"
                      + " verified on L1 (gas %d)",
                  r.number(), r.account(), r.throughSequence(), r.proveMs(), r.gasUsed()));
        }
      }
      if (seen.size() >= wanted
          && node.report().batches().l1Root().equals(node.report().batches().nodeRoot())) {
        return seen;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "fewer than " + wanted + " batches verified on L1 within 10 minutes");
  }
}
