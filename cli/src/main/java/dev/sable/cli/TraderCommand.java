package dev.sable.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sable.crypto.OrderMessage;
import dev.sable.sdk.BridgeOperator;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.SableStream;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sable trader ...}: a trader's commands, on the SDK (docs/node.md, Trader tools). */
@Command(
    name = "trader",
    mixinStandardHelpOptions = true,
    description =
        "Trade on a Sable node: keys, deposits and withdrawals through L1, orders, reads, live"
            + " events.",
    subcommands = {
      TraderCommand.Keygen.class,
      TraderTransfers.Deposit.class,
      TraderTransfers.Withdraw.class,
      TraderTransfers.Claim.class,
      TraderExit.class,
      TraderCommand.Order.class,
      TraderCommand.Cancel.class,
      TraderCommand.Account.class,
      TraderCommand.MarginMode.class,
      TraderCommand.Watch.class
    })
public final class TraderCommand implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** What every trader command takes: the key, the node, and how to check the node's key. */
  static class Common {
    @Option(
        names = "--key",
        defaultValue = ".sable/trader.key",
        paramLabel = "FILE",
        description = "Key file (default: ${DEFAULT-VALUE}).")
    Path key;

    @Option(
        names = "--node",
        defaultValue = "http://127.0.0.1:8650",
        paramLabel = "URL",
        description = "The node's API (default: ${DEFAULT-VALUE}).")
    URI node;

    @Option(
        names = "--l1-rpc",
        paramLabel = "URL",
        description = "Check the node's key against the operator the bridge names on this L1.")
    URI l1Rpc;

    @CommandLine.Mixin L1RpcTimeout l1Timeout;

    @Option(
        names = "--operator",
        paramLabel = "ADDRESS",
        description = "Check the node's key against this operator address.")
    String operator;

    Trader trader() throws IOException, InterruptedException {
      TraderKey k;
      try {
        k = TraderKey.load(key);
      } catch (IOException e) {
        throw new UsageException(
            "--key " + key + ": " + e.getMessage() + " (make one with sable trader keygen)");
      }
      SableClient client = new SableClient(node);
      byte[] expected = null;
      if (operator != null) {
        expected =
            HexFormat.of().parseHex(operator.startsWith("0x") ? operator.substring(2) : operator);
      } else if (l1Rpc != null) {
        String bridge = client.info().bridge();
        try {
          expected = BridgeOperator.of(l1Rpc, bridge, l1Timeout.timeout());
        } catch (IOException e) {
          throw l1Timeout.unreachable(l1Rpc, "to read the bridge's operator", e);
        }
      } else {
        System.err.println(
            "sable trader: warning: the node's key is not checked against L1 (pass --l1-rpc or --operator)");
      }
      return new Trader(client, k, expected);
    }
  }

  /** A trader action: failures are reported by the command line's FailureReport. */
  abstract static class Action extends Common implements Callable<Integer> {
    abstract void act() throws Exception;

    @Override
    public Integer call() throws Exception {
      try {
        act();
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } catch (UncheckedIOException e) {
        throw new NodeUnreachableException(e.getMessage(), e);
      }
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = "Make a new key file (never overwrites).")
  static final class Keygen implements Callable<Integer> {
    @Option(
        names = "--key",
        defaultValue = ".sable/trader.key",
        paramLabel = "FILE",
        description = "Where to write it (default: ${DEFAULT-VALUE}).")
    Path key;

    @Override
    public Integer call() throws IOException {
      TraderKey k = TraderKey.generate(new SecureRandom());
      try {
        k.save(key);
      } catch (FileAlreadyExistsException e) {
        throw new UsageException("--key " + key + " exists; keys are never overwritten");
      }
      System.out.println("key written to " + key + "; public key " + k.publicKeyHex());
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "order",
      mixinStandardHelpOptions = true,
      description = "Sign, seal and send an order; prints its journal sequence number.")
  static final class Order extends Action {
    @Option(
        names = "--market",
        defaultValue = "0",
        description = "Market id (default: ${DEFAULT-VALUE}).")
    int market;

    @Option(names = "--side", required = true, description = "buy or sell.")
    String side;

    @Option(
        names = "--price",
        required = true,
        description = "Limit (worst price for market orders).")
    long price;

    @Option(
        names = "--quantity",
        required = true,
        description = "Quantity (a multiple of the lot).")
    long quantity;

    @Option(
        names = "--type",
        defaultValue = "gtc",
        description = "gtc, post-only, ioc, fok or market (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(
        names = "--client-id",
        description = "Client order id (default: now in microseconds; ids must grow).")
    Long clientId;

    @Option(names = "--reduce-only", description = "Only reduce the position.")
    boolean reduceOnly;

    @Option(
        names = "--expiry",
        defaultValue = "0",
        description = "Expiry in the node's log time, ms (0: none).")
    long expiry;

    @Override
    void act() throws Exception {
      Trader t = trader();
      long id = clientId != null ? clientId : System.currentTimeMillis() * 1000;
      OrderMessage m =
          new OrderMessage(
              t.findAccount(),
              market,
              id,
              sideOf(side),
              typeOf(type),
              price,
              quantity,
              reduceOnly ? 1 : 0,
              expiry,
              0);
      long seq = t.order(m).get(30, TimeUnit.SECONDS);
      System.out.println("order " + id + " acknowledged: journal sequence " + seq);
    }
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Sign, seal and send a cancel.")
  static final class Cancel extends Action {
    @Option(names = "--client-id", required = true, description = "The order's client id.")
    long clientId;

    @Override
    void act() throws Exception {
      Trader t = trader();
      t.findAccount();
      long seq = t.cancel(clientId).get(30, TimeUnit.SECONDS);
      System.out.println("cancel of " + clientId + " acknowledged: journal sequence " + seq);
    }
  }

  @Command(
      name = "margin-mode",
      mixinStandardHelpOptions = true,
      description =
          "Sign and send a switch to cross or portfolio margin (refused with open orders, below the"
              + " new mode's initial requirement, or by a node that batches to L1).")
  static final class MarginMode extends Action {
    @Parameters(index = "0", description = "cross or portfolio.")
    String mode;

    @Option(
        names = "--client-id",
        description = "Request id, taken as a client order id (default: now in microseconds).")
    Long clientId;

    @Override
    void act() throws Exception {
      if (!mode.equals("cross") && !mode.equals("portfolio")) {
        throw new UsageException("the mode is cross or portfolio, not " + mode);
      }
      Trader t = trader();
      t.findAccount();
      long id = clientId != null ? clientId : System.currentTimeMillis() * 1000;
      long seq = t.setMarginMode(mode.equals("portfolio"), id).get(30, TimeUnit.SECONDS);
      System.out.println(
          "switch to " + mode + " acknowledged: journal sequence " + seq + " (see account)");
    }
  }

  @Command(
      name = "account",
      mixinStandardHelpOptions = true,
      description = "Your balance, margin, positions and open orders (a signed login first).")
  static final class Account extends Action {
    @Override
    void act() throws Exception {
      Trader t = trader();
      t.findAccount();
      ObjectNode out = JSON.createObjectNode();
      out.set("account", t.read(""));
      out.set("margin", t.read("/margin"));
      out.set("positions", t.read("/positions"));
      out.set("orders", t.read("/orders"));
      out.set("fills", t.read("/fills?limit=20"));
      System.out.println(JSON.writeValueAsString(out));
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Print your order and fill events (and a market's trades) as they happen.")
  static final class Watch extends Action {
    @Option(names = "--market", description = "Also print this market's public trades.")
    Integer market;

    @Option(names = "--count", description = "Stop after this many events (default: until Ctrl-C).")
    Integer count;

    @Override
    void act() throws Exception {
      Trader t = trader();
      t.findAccount();
      CountDownLatch done = new CountDownLatch(count == null ? 1 : count);
      try (SableStream stream =
          SableStream.open(
              node,
              m -> {
                if (m.has("channel")) {
                  System.out.println(m.toString());
                  System.out.flush();
                  done.countDown();
                }
              })) {
        stream.login(t.token());
        stream.subscribe("account", 0);
        if (market != null) {
          stream.subscribe("trades", market);
        }
        if (count == null) {
          Thread.currentThread().join();
        }
        done.await();
      }
    }
  }

  static long sideOf(String side) {
    return switch (side.toLowerCase(Locale.ROOT)) {
      case "buy" -> 0;
      case "sell" -> 1;
      default -> throw new UsageException("--side must be buy or sell");
    };
  }

  static long typeOf(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "gtc" -> 0;
      case "post-only" -> 1;
      case "ioc" -> 2;
      case "fok" -> 3;
      case "market" -> 4;
      default -> throw new UsageException("--type must be gtc, post-only, ioc, fok or market");
    };
  }
}
