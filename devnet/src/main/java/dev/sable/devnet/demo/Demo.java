package dev.sable.devnet.demo;

import dev.sable.crypto.OrderMessage;
import dev.sable.devnet.AnvilNode;
import dev.sable.devnet.LocalL1;
import dev.sable.devnet.OutlivingL1;
import dev.sable.devnet.ScratchDirectory;
import dev.sable.devnet.Toolchain;
import dev.sable.l1.L1Rpc;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.TestCollateral;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.node.pipeline.BatchSummary;
import dev.sable.sdk.BridgeOperator;
import dev.sable.sdk.SableApiException;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The demo: a node on embedded defaults with a local L1 (anvil: the collateral token, the
 * settlement verifier and bridge), and simulated traders that each hold an L1 account (one of
 * anvil's dev accounts) and a trading key. They deposit through the bridge; the node's watcher
 * journals the deposits once confirmed and the sequencer credits them. The traders then trade with
 * sealed, signed orders over HTTP; the development oracle moves the mark; a funding tick comes (the
 * demo's market has a 10-second funding interval); one trader withdraws to its L1 account. The
 * sequencer's batcher seals all of it (deposits, fills, signed prices, the funding tick, the
 * withdrawal) into batches that the settlement circuit (Tiny capacities with two liquidation steps:
 * one fill per batch) proves and the bridge verifies. A fifth trader, with a small deposit, takes a
 * large position on purpose; the demo ends with an oracle move that puts it under maintenance, and
 * the node's liquidation sweep (the fund takes the position over at the mark) is proven and
 * verified on L1 in a batch of its own. The withdrawing trader claims the tokens from the bridge.
 * In the escape scenario the node then stops and that trader leaves the frozen bridge from L1 data
 * alone ({@link EscapeScenario}), then every other trader with equity, the option's writer and
 * buyer among them; L1 outlives the node ({@link OutlivingL1}).
 */
public final class Demo {
  /** The most batches a run waits for: a withdrawal each beyond the first ones. */
  public static final int MAX_BATCHES = 256;

  /** Traders whose orders cross one another (the leveraged trader comes after them). */
  private static final int TRADERS = 4;

  private static final int ORDERS_PER_TRADER = 4;
  private static final long PRICE = 3000;
  private static final long MOVED_PRICE = 3030;

  /**
   * The leveraged trader's long: 1000 lots at 3000 on a deposit of 400,000 (initial margin 10%:
   * 300,000). At {@link #CRASH_PRICE} its equity is 100,000, below the 5% maintenance requirement
   * of 135,000, while positive: the rules give a takeover by the fund at the mark.
   */
  private static final long LARGE_POSITION = 1000;

  private static final long LEVERAGED_FUNDS = 400_000L;
  private static final long CRASH_PRICE = 2700;

  /**
   * The demo's market: the default ETH-PERP with a funding interval of one minute (the clock ticks
   * funding at its first tick, then every minute; each tick opens a batch of its own) and a
   * two-minute oracle staleness (the development oracle republishes every minute).
   */
  private static final String MARKETS =
      """
      markets:
        - spec:
            symbol: ETH-PERP
            tickSize: 1
            lotSize: 1
            initialMarginPpm: 100000
            maintenanceMarginPpm: 50000
            makerFeePpm: 0
            takerFeePpm: 500
            maxPosition: 1000000
            maxPrice: 10000000
            oracleSources: 1
            oracleStaleness: 120000
            fundingInterval: 60000
            fundingClampPpm: 2000
            impactQuantity: 100
          devOraclePrice: 3000
      """;

  /**
   * The demo's option (market 1): a European call on ETH-PERP struck at {@link #PRICE}, expiring 30
   * days after the run starts, at the development oracle's 50% volatility, listed at genesis; its
   * expiry is filled in when the run starts.
   */
  private static final String OPTION =
      """
        - spec:
            symbol: ETH-C3000
            tickSize: 1
            lotSize: 1
            initialMarginPpm: 100000
            maintenanceMarginPpm: 50000
            makerFeePpm: 0
            takerFeePpm: 500
            maxPosition: 100000
            maxPrice: 10000000
            oracleSources: 1
            oracleStaleness: 120000
            fundingInterval: 60000
            fundingClampPpm: 2000
            impactQuantity: 100
          devOraclePrice: 500000
          option: {underlyingMarket: 0, kind: CALL, strike: 3000, expiry: %d, contractSize: 1}
      """;

  private static final int OPTION_MARKET = 1;
  private static final long OPTION_DAYS = 30;
  private static final long CALLS = 10;

  /**
   * The id of the switch to portfolio margin: ids share the trader's client order ids, which only
   * grow, so it sits after its perpetual orders and before its option order.
   */
  private static final long PORTFOLIO_REQUEST = ORDERS_PER_TRADER + 1;

  private static final long FUNDS = 1_000_000_000L;
  private static final long WITHDRAWAL = 1_000_000L;

  private final Toolchain toolchain;
  private final Path keyDir;
  private final Consumer<String> log;

  public Demo(Toolchain toolchain, Path keyDir, Consumer<String> log) {
    this.toolchain = toolchain;
    this.keyDir = keyDir;
    this.log = log;
  }

  /**
   * Runs until at least {@code batches} (1 to MAX_BATCHES) batches are verified on L1, the first
   * withdrawal is claimed, and the node's root is L1's; reports what L1 ended up with. The deposits
   * and the first withdrawal make three batches or more; each further one is one more withdrawal.
   */
  public DemoSummary run(int batches) {
    return run(batches, DemoScenario.PLAIN);
  }

  /** The same, then the scenario's steps after the node stopped. */
  public DemoSummary run(int batches, DemoScenario scenario) {
    if (batches < 1 || batches > MAX_BATCHES) {
      throw new IllegalArgumentException("batches must be between 1 and " + MAX_BATCHES);
    }
    long start = System.nanoTime();
    try (ScratchDirectory data =
        ScratchDirectory.create(toolchain.root().resolve(".sable/tmp"), "demo-")) {
      return run(batches, scenario, data.path(), start);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo's data directory", e);
    }
  }

  private DemoSummary run(int batches, DemoScenario scenario, Path data, long start)
      throws IOException {
    long expiry = System.currentTimeMillis() + TimeUnit.DAYS.toMillis(OPTION_DAYS);
    Path markets = Files.writeString(data.resolve("demo.yaml"), MARKETS + OPTION.formatted(expiry));
    NodeConfig config =
        ConfigLoader.load(
            markets,
            Map.of(
                "SABLE_DATA_DIR", data.toString(),
                "SABLE_HTTP_PORT", "0",
                "SABLE_PROVER_KEY_DIR", keyDir.toString(),
                "SABLE_PIPELINE_INTERVAL_MS", "100",
                "SABLE_PIPELINE_CAPACITIES", "tiny_l2_q1_s1_opt_pm_owner",
                "SABLE_L1_CONFIRMATIONS", "1",
                "SABLE_L1_POLL_MS", "200"));
    Played played;
    try (OutlivingL1 l1 = new OutlivingL1(new LocalL1(toolchain, data.resolve("l1")))) {
      try (Node node = Node.start(config, l1, log)) {
        long setupMs = node.report().keys().keyMs();
        URI base = URI.create("http://127.0.0.1:" + node.httpPort());
        log.accept(
            "node at " + base + " (started in " + (System.nanoTime() - start) / 1_000_000 + " ms)");
        Web3j web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
        try {
          int tradeSlots = config.pipeline().capacities().capacities().trades();
          played = play(node, new SableClient(base), web3j, batches, setupMs, tradeSlots);
        } finally {
          web3j.shutdown();
        }
      }
      if (scenario == DemoScenario.PLAIN) {
        return played.summary();
      }
      log.accept("the node stops: nothing of it is used from here on");
      EscapeScenario escape =
          new EscapeScenario(l1.rpcUrl(), played.summary().bridgeAddress(), keyDir, log);
      return played.summary().withEscape(escape.run(played.escapee(), played.others(), data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One trader: its key at the node, its L1 account (anvil's dev account) and its deposit. */
  private record Actor(Trader trader, Credentials l1, long funds) {}

  /**
   * What the node's part of a run gave: its summary, the trader who escapes first afterwards, and
   * the other traders, who exit after it.
   */
  private record Played(
      DemoSummary summary, EscapeScenario.Escapee escapee, List<EscapeScenario.Escapee> others) {}

  private Played play(
      Node node, SableClient client, Web3j web3j, int wanted, long setupMs, int tradeSlots)
      throws IOException, InterruptedException {
    String bridgeAddress = node.report().bridgeAddress();
    byte[] operator =
        BridgeOperator.of(URI.create(node.report().rpcUrl()), bridgeAddress, L1Rpc.DEV_TIMEOUT);
    List<Actor> actors = new ArrayList<>();
    for (int i = 0; i <= TRADERS; i++) {
      Trader t = new Trader(client, TraderKey.generate(new SecureRandom()), operator);
      actors.add(new Actor(t, AnvilNode.devAccount(i + 1), i < TRADERS ? FUNDS : LEVERAGED_FUNDS));
    }
    deposit(web3j, bridgeAddress, actors);
    for (Actor a : actors) {
      await("trader " + a.trader().account() + "'s deposit credited", () -> credited(a.trader()));
    }
    log.accept(actors.size() + " L1 deposits journaled after their confirmations and credited");

    Trader leveraged = actors.get(TRADERS).trader();
    double[] perpAcks = trade(actors.subList(0, TRADERS).stream().map(Actor::trader).toList());
    double[] largeAcks = takeLargePosition(leveraged, actors.get(1).trader());
    // the third trader is long the perpetual with no open order: it switches, then writes the
    // calls (a covered call)
    Trader writer = actors.get(2).trader();
    switchToPortfolio(writer);
    double[] ackMs =
        Stream.of(perpAcks, largeAcks, tradeOption(client, writer, actors.get(3).trader()))
            .flatMapToDouble(Arrays::stream)
            .sorted()
            .toArray();
    double p99 = ackMs[(int) Math.ceil(ackMs.length * 0.99) - 1];
    log.accept(
        String.format(
            "%d traders: %d sealed orders acknowledged (durable), ack p50 %.1f ms, p99 %.1f ms",
            actors.size(), ackMs.length, ackMs[ackMs.length / 2], p99));
    node.oracle().move(0, MOVED_PRICE);
    log.accept(
        "the development oracle moves ETH-PERP from " + PRICE + " to " + MOVED_PRICE + " (signed)");

    Actor withdrawer = actors.get(0);
    String recipient = withdrawer.l1().getAddress();
    List<BatchRecord> verified = new ArrayList<>();
    int withdrawals = 0;
    do {
      withdraw(withdrawer, ++withdrawals);
      int paid = withdrawals;
      awaitBatches(
          node,
          verified,
          "the batch paying withdrawal " + paid + " (and one with a funding tick)",
          seen ->
              seen.stream()
                          .flatMap(r -> r.summary().withdrawals().stream())
                          .filter(p -> p.recipient().equalsIgnoreCase(recipient))
                          .count()
                      >= paid
                  && seen.stream().anyMatch(r -> r.summary().fundingTicks() > 0));
    } while (verified.size() < wanted);

    awaitBatches(
        node,
        verified,
        "the batch with the option trade",
        seen -> seen.stream().anyMatch(r -> r.summary().optionTrades() > 0));

    node.oracle().move(0, CRASH_PRICE);
    log.accept(
        "the development oracle moves ETH-PERP to "
            + CRASH_PRICE
            + " (signed): trader "
            + leveraged.account()
            + "'s long of "
            + LARGE_POSITION
            + " falls under maintenance");
    awaitBatches(
        node,
        verified,
        "a batch with trader " + leveraged.account() + "'s liquidation",
        seen -> seen.stream().anyMatch(r -> r.summary().liquidations() > 0));

    SettlementBridgeClient bridge =
        SettlementBridgeClient.attach(web3j, withdrawer.l1(), AnvilNode.CHAIN_ID, bridgeAddress);
    TestCollateral token =
        TestCollateral.attach(web3j, withdrawer.l1(), AnvilNode.CHAIN_ID, bridge.token());
    BigInteger before = token.balanceOf(recipient);
    BigInteger claimed = bridge.claim(recipient).amount();
    BigInteger paid = token.balanceOf(recipient).subtract(before);
    log.accept(
        "claimed "
            + claimed
            + " on L1 for "
            + recipient
            + ": its token balance grew by "
            + paid
            + " ("
            + withdrawals
            + " withdrawal(s) of "
            + WITHDRAWAL
            + ")");
    boolean allPaid = paid.equals(BigInteger.valueOf(WITHDRAWAL * withdrawals));
    // read after the last wait: the node's state is the one L1's root commits
    long portfolioAccounts =
        actors.stream().filter(a -> a.trader().marginMode().equals("portfolio")).count();
    return new Played(
        DemoSummary.of(
            node.report(),
            verified,
            setupMs,
            ackMs.length,
            p99,
            tradeSlots,
            allPaid ? withdrawals : 0,
            bridge.layout(),
            portfolioAccounts),
        escapee(withdrawer),
        actors.subList(1, actors.size()).stream().map(Demo::escapee).toList());
  }

  private static EscapeScenario.Escapee escapee(Actor a) {
    return new EscapeScenario.Escapee(a.trader().key(), a.trader().account(), a.l1());
  }

  /** Each trader mints test collateral on L1 and deposits it through the bridge. */
  private void deposit(Web3j web3j, String bridgeAddress, List<Actor> actors) {
    long first = actors.get(0).trader().depositAccount(); // the demo names consecutive accounts
    for (int i = 0; i < actors.size(); i++) {
      Actor a = actors.get(i);
      long account = first + i;
      BigInteger funds = BigInteger.valueOf(a.funds());
      a.trader().useAccount(account);
      SettlementBridgeClient bridge =
          SettlementBridgeClient.attach(web3j, a.l1(), AnvilNode.CHAIN_ID, bridgeAddress);
      TestCollateral.attach(web3j, a.l1(), AnvilNode.CHAIN_ID, bridge.token())
          .mint(a.l1().getAddress(), funds);
      var key = a.trader().key().publicKey();
      long index =
          bridge.deposit(account, key.x().toBigInteger(), key.y().toBigInteger(), funds).index();
      log.accept(
          "trader "
              + account
              + " deposited "
              + funds
              + " through the bridge from "
              + a.l1().getAddress()
              + " (queue index "
              + index
              + ")");
    }
  }

  private static boolean credited(Trader t) {
    try {
      return t.read("").path("collateral").asLong() > 0;
    } catch (SableApiException e) {
      return false; // not credited yet: the node does not know the account
    }
  }

  private void withdraw(Actor a, int n) {
    byte[] to = HexFormat.of().parseHex(a.l1().getAddress().substring(2));
    a.trader().withdraw(WITHDRAWAL, to).orTimeout(1, TimeUnit.MINUTES).join();
    log.accept(
        "trader "
            + a.trader().account()
            + " signed withdrawal "
            + n
            + " of "
            + WITHDRAWAL
            + " to "
            + a.l1().getAddress());
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

  /**
   * The leveraged trader rests a bid for {@link #LARGE_POSITION} lots at {@link #PRICE} (the book
   * is empty: the traders' orders crossed in full), and the seller takes it; returns both orders'
   * acknowledgement times.
   */
  private double[] takeLargePosition(Trader leveraged, Trader seller) {
    long id = ORDERS_PER_TRADER + 1;
    double bid =
        acknowledged(
            leveraged,
            new OrderMessage(leveraged.account(), 0, id, 0, 0, PRICE, LARGE_POSITION, 0, 0, 0));
    double ask =
        acknowledged(
            seller,
            new OrderMessage(seller.account(), 0, id, 1, 0, PRICE, LARGE_POSITION, 0, 0, 0));
    log.accept(
        "trader "
            + leveraged.account()
            + " (deposit "
            + LEVERAGED_FUNDS
            + ") buys "
            + LARGE_POSITION
            + " ETH-PERP at "
            + PRICE
            + " from trader "
            + seller.account()
            + ": near its initial margin on purpose");
    return new double[] {bid, ask};
  }

  /**
   * The writer sells {@link #CALLS} of the demo's call at its mark and the buyer takes them: the
   * buyer pays the premium at the fill; returns both orders' acknowledgement times.
   */
  private double[] tradeOption(SableClient client, Trader writer, Trader buyer)
      throws InterruptedException {
    await(
        "the call's mark",
        () -> client.get("/v1/markets", null).get(OPTION_MARKET).path("markValid").asBoolean());
    long mark = client.get("/v1/markets", null).get(OPTION_MARKET).path("mark").asLong();
    long id = ORDERS_PER_TRADER + 2;
    double ask =
        acknowledged(
            writer,
            new OrderMessage(writer.account(), OPTION_MARKET, id, 1, 0, mark, CALLS, 0, 0, 0));
    double bid =
        acknowledged(
            buyer,
            new OrderMessage(buyer.account(), OPTION_MARKET, id, 0, 0, mark, CALLS, 0, 0, 0));
    log.accept(
        "trader "
            + buyer.account()
            + " buys "
            + CALLS
            + " ETH-C3000 calls (strike "
            + PRICE
            + ", "
            + OPTION_DAYS
            + " days) at their mark "
            + mark
            + " from trader "
            + writer.account()
            + ", who writes them: a premium of "
            + mark * CALLS
            + " paid at the fill");
    return new double[] {ask, bid};
  }

  /**
   * The trader, with no open order and equity far above its portfolio requirement, signs a switch
   * to portfolio margin; returns once the node applied it (a later batch proves it).
   */
  private void switchToPortfolio(Trader t) throws InterruptedException {
    t.setMarginMode(true, PORTFOLIO_REQUEST).orTimeout(1, TimeUnit.MINUTES).join();
    await(
        "trader " + t.account() + "'s switch to portfolio margin",
        () -> t.marginMode().equals("portfolio"));
    log.accept(
        "trader "
            + t.account()
            + " (long ETH-PERP, no open order) switches to portfolio margin by a signed request");
  }

  /** Sends one order and returns the milliseconds to its durable acknowledgement. */
  private static double acknowledged(Trader t, OrderMessage m) {
    long sent = System.nanoTime();
    t.order(m).orTimeout(1, TimeUnit.MINUTES).join();
    return (System.nanoTime() - sent) / 1e6;
  }

  /**
   * Waits until the batches L1 verified satisfy {@code done} and the node's root is L1's, printing
   * each batch as L1 verifies it; {@code seen} keeps them, oldest first.
   */
  private void awaitBatches(
      Node node, List<BatchRecord> seen, String what, Predicate<List<BatchRecord>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<BatchRecord> recent = new ArrayList<>(node.report().batches().recent(Integer.MAX_VALUE));
      recent.sort(Comparator.comparingLong(BatchRecord::number));
      for (BatchRecord r : recent) {
        if (seen.stream().noneMatch(s -> s.number() == r.number())) {
          seen.add(r);
          log.accept(describe(r));
        }
      }
      if (done.test(seen)
          && node.report().batches().l1Root().equals(node.report().batches().nodeRoot())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        what
            + " was not verified on L1 within 10 minutes"
            + (node.report().batches().problem() == null
                ? ""
                : ": " + node.report().batches().problem()));
  }

  private static String describe(BatchRecord r) {
    BatchSummary s = r.summary();
    return String.format(
        "batch %d: %d trade(s), %d deposit(s) credited, %d refunded, %d withdrawal(s), %d signed"
            + " price(s), %d funding tick(s), %d liquidation(s) (sealed at journal entry %d),"
            + " proved in %d ms, verified on L1 (gas %d)",
        r.number(),
        s.trades(),
        s.deposits(),
        s.refunds(),
        s.withdrawals().size(),
        s.prices(),
        s.fundingTicks(),
        s.liquidations(),
        r.throughSequence(),
        r.proveMs(),
        r.gasUsed());
  }

  private void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within 2 minutes");
      }
      Thread.sleep(100);
    }
  }
}
