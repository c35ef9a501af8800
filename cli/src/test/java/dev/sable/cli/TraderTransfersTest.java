package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.exit.ExitCircuit;
import dev.sable.devnet.AnvilNode;
import dev.sable.devnet.LocalL1;
import dev.sable.devnet.Toolchain;
import dev.sable.l1.CollateralToken;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.Node;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.pipeline.BatchRecord;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.KeyPolicy;
import dev.sable.sdk.SableClient;
import dev.sable.sdk.Trader;
import dev.sable.sdk.TraderKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code sable trader deposit|withdraw|claim} against a node on a local L1: collateral in through
 * the bridge's queue, a signed withdrawal carried by a verified settlement batch, the tokens
 * claimed on L1; and every bad argument or L1 refusal as one line with its exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraderTransfersTest {
  static final Credentials L1 = AnvilNode.devAccount(5);
  static final Credentials EMPTY = AnvilNode.devAccount(6); // holds no collateral

  @TempDir static Path dir;
  Path keys;
  Node node;
  Web3j web3j;
  Path traderKey;
  Path l1Key;
  Path emptyKey;

  /** What a command printed and its exit code. */
  record Run(int code, String out, String err) {}

  @BeforeAll
  void start() throws Exception {
    keys = Path.of(System.getProperty("sable.root")).resolve(".sable/test-keys");
    node =
        Node.start(
            ConfigLoader.load(
                null,
                Map.of(
                    "SABLE_DATA_DIR", dir.resolve("node").toString(),
                    "SABLE_HTTP_PORT", "0",
                    "SABLE_PROVER_KEY_DIR", keys.toString(),
                    "SABLE_PIPELINE_INTERVAL_MS", "100",
                    "SABLE_L1_CONFIRMATIONS", "1",
                    "SABLE_L1_POLL_MS", "100")),
            new LocalL1(Toolchain.fromEnvironment(), dir.resolve("node/l1")),
            line -> {});
    web3j = Web3j.build(new HttpService(node.report().rpcUrl()));
    traderKey = dir.resolve("trader.key");
    l1Key =
        Files.writeString(dir.resolve("l1.key"), L1.getEcKeyPair().getPrivateKey().toString(16));
    emptyKey =
        Files.writeString(
            dir.resolve("empty.key"), EMPTY.getEcKeyPair().getPrivateKey().toString(16));
    assertThat(run("trader", "keygen", "--key", traderKey.toString()).code()).isZero();
  }

  @AfterAll
  void stop() {
    web3j.shutdown();
    node.close();
  }

  String nodeUrl() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  /** Runs sable with the trader's common options after the given ones. */
  Run trader(String command, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("trader", command, "--key", traderKey.toString(), "--node", nodeUrl()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  static Run run(String... args) {
    StringWriter err = new StringWriter();
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      var cmd = CommandLines.create(new SableCli());
      cmd.setErr(new PrintWriter(err, true));
      int code = cmd.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  BigInteger tokens(String holder) {
    SettlementBridgeClient bridge =
        SettlementBridgeClient.attach(web3j, L1, AnvilNode.CHAIN_ID, node.report().bridgeAddress());
    return CollateralToken.attach(web3j, L1, AnvilNode.CHAIN_ID, bridge.token()).balanceOf(holder);
  }

  @Test
  void depositWithdrawAndClaimGoThroughTheBridge() throws Exception {
    String rpc = node.report().rpcUrl();
    Run deposit =
        trader(
            "deposit",
            "--amount",
            "5000000",
            "--mint",
            "--l1-rpc",
            rpc,
            "--l1-key-file",
            l1Key.toString());
    assertThat(deposit.code()).as(deposit.err()).isZero();
    assertThat(deposit.out()).contains("queued on L1 at index 0");
    BigInteger afterDeposit = tokens(L1.getAddress());

    Trader t = new Trader(new SableClient(URI.create(nodeUrl())), TraderKey.load(traderKey), null);
    await(
        "the deposit credited",
        () -> {
          try {
            t.findAccount();
            return t.read("").path("collateral").asLong() == 5_000_000;
          } catch (RuntimeException notYet) {
            return false;
          }
        });

    Run withdraw = trader("withdraw", "--amount", "1000000", "--to", L1.getAddress());
    assertThat(withdraw.code()).as(withdraw.err()).isZero();
    assertThat(withdraw.out()).contains("acknowledged").contains("sable trader claim");
    await(
        "a verified batch paying the withdrawal",
        () ->
            node.report().batches().recent(100).stream()
                .map(BatchRecord::summary)
                .anyMatch(
                    s ->
                        s.withdrawals().stream()
                            .anyMatch(p -> p.recipient().equalsIgnoreCase(L1.getAddress()))));

    Run claim = trader("claim", "--l1-rpc", rpc, "--l1-key-file", l1Key.toString());
    assertThat(claim.code()).as(claim.err()).isZero();
    assertThat(claim.out()).contains("claimed 1000000");
    assertThat(tokens(L1.getAddress())).isEqualTo(afterDeposit.add(BigInteger.valueOf(1_000_000)));

    Run again = trader("claim", "--l1-rpc", rpc, "--l1-key-file", l1Key.toString());
    assertThat(again.code()).isEqualTo(ExitCode.L1.code());
    assertThat(again.err().lines()).hasSize(1);
    assertThat(again.err()).contains("nothing to claim for").contains("GET /v1/batches");
  }

  @Test
  void badArgumentsAndL1RefusalsAreOneLineWithTheirExitCode() {
    String rpc = node.report().rpcUrl();
    record Case(String[] args, ExitCode code, String says) {}
    for (Case c :
        List.of(
            new Case(
                new String[] {"deposit", "--amount", "5", "--l1-key-file", l1Key.toString()},
                ExitCode.USAGE,
                "--l1-rpc URL is required"),
            new Case(
                new String[] {"deposit", "--amount", "0", "--l1-rpc", rpc},
                ExitCode.USAGE,
                "--amount must be positive"),
            new Case(
                new String[] {"deposit", "--amount", "5", "--l1-rpc", rpc},
                ExitCode.USAGE,
                "--l1-key-file FILE or SABLE_L1_KEY"),
            new Case(
                new String[] {
                  "deposit", "--amount", "5", "--l1-rpc", rpc, "--l1-key-file", emptyKey.toString()
                },
                ExitCode.L1,
                "holds 0 of the collateral token, less than 5 (on a development chain, add --mint)"),
            new Case(
                new String[] {
                  "deposit",
                  "--amount",
                  "5",
                  "--l1-rpc",
                  "http://127.0.0.1:1",
                  "--l1-key-file",
                  l1Key.toString()
                },
                ExitCode.L1,
                "cannot reach L1 at http://127.0.0.1:1"),
            new Case(
                new String[] {"withdraw", "--amount", "5", "--to", "0x" + "0".repeat(40)},
                ExitCode.USAGE,
                "zero address"),
            new Case(
                new String[] {"withdraw", "--amount", "5", "--to", "0x1234"},
                ExitCode.USAGE,
                "20 bytes of hex"),
            new Case(
                new String[] {"claim", "--l1-rpc", rpc, "--l1-key-file", emptyKey.toString()},
                ExitCode.L1,
                "nothing to claim for " + EMPTY.getAddress()))) {
      Run r = trader(c.args()[0], java.util.Arrays.copyOfRange(c.args(), 1, c.args().length));
      assertThat(r.code())
          .as(String.join(" ", c.args()) + ": " + r.err())
          .isEqualTo(c.code().code());
      assertThat(r.err().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).contains(c.says()).doesNotContain("Exception");
    }
  }

  @Test
  void anExitIsRefusedOnABridgeThatIsNotFrozenAndWithBadArguments() throws Exception {
    String bridge = "0x" + new SableClient(URI.create(nodeUrl())).info().bridge();
    Run notFrozen = exit(bridge, "--l1-key-file", l1Key.toString());
    assertThat(notFrozen.code()).as(notFrozen.err()).isEqualTo(ExitCode.L1.code());
    assertThat(notFrozen.err()).contains("the bridge is not frozen").doesNotContain("Exception");
    Run zero = exit("0x" + "0".repeat(40));
    assertThat(zero.code()).isEqualTo(ExitCode.USAGE.code());
    assertThat(zero.err()).contains("--bridge is the zero address");
  }

  @Test
  void theLocalL1sExitVerifierIsTheKeyStoresExitKeys() {
    SettlementBridgeClient bridge =
        SettlementBridgeClient.attach(web3j, L1, AnvilNode.CHAIN_ID, node.report().bridgeAddress());
    // set up by the local L1 beside the settlement keys: opening them sets nothing up
    try (GnarkProver exitKeys =
        GnarkProver.open(ExitCircuit.LAYOUT, keys, KeyPolicy.EXISTING_KEYS)) {
      assertThat(bridge.exitVerifyingKeyHash())
          .isEqualToIgnoringCase(exitKeys.keys().verifyingKeyHash());
    }
  }

  /** {@code sable trader exit} on the node's L1 with this trader's key. */
  Run exit(String bridge, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "trader",
                "exit",
                "--key",
                traderKey.toString(),
                "--l1-rpc",
                node.report().rpcUrl(),
                "--bridge",
                bridge));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }
}
