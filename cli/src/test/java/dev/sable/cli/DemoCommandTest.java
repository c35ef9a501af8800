package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  @TempDir Path dir;

  int run(String... args) {
    return CommandLines.create(new SableCli()).execute(args);
  }

  /** Runs the command with stderr captured; returns the exit code and what it printed there. */
  static Outcome runCapturingErr(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLines.create(new SableCli());
    cmd.setErr(new PrintWriter(err, true));
    return new Outcome(cmd.execute(args), err.toString());
  }

  record Outcome(int code, String err) {}

  @Test
  void demoWritesTheSummaryAndReusesKeysOnTheSecondRun() throws Exception {
    Path keys = dir.resolve("keys");
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");
    assertThat(
            run(
                "demo",
                "--batches",
                "3",
                "--key-dir",
                keys.toString(),
                "--summary",
                first.toString()))
        .isZero();

    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(
              run(
                  "demo",
                  "--batches",
                  "1",
                  "--scenario",
                  "escape",
                  "--key-dir",
                  keys.toString(),
                  "--summary",
                  second.toString()))
          .isZero();
    } finally {
      System.setOut(stdout);
    }

    JsonNode a = new ObjectMapper().readTree(first.toFile());
    JsonNode b = new ObjectMapper().readTree(second.toFile());
    assertThat(a.get("batches_verified_on_l1").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(a.get("deposits_from_l1").asLong()).isEqualTo(5);
    assertThat(a.get("withdrawals_claimed").asLong()).isEqualTo(1);
    assertThat(a.get("orders_acked").asLong()).isEqualTo(20);
    assertThat(a.get("ack_p99_ms").asDouble()).isPositive();
    assertThat(a.get("node_root").asText()).isEqualTo(a.get("l1_root").asText()).startsWith("0x");
    assertThat(a.get("submit_gas").asLong()).isPositive();
    assertThat(a.get("submit_gas_per_batch")).hasSize(a.get("batches_verified_on_l1").asInt());
    long meanGas = 0;
    for (JsonNode g : a.get("submit_gas_per_batch")) {
      meanGas += g.asLong();
    }
    assertThat(a.get("l1_gas_per_batch").asLong())
        .isEqualTo(Math.round((double) meanGas / a.get("submit_gas_per_batch").size()));
    assertThat(a.get("prove_ms").asLong()).isNotNegative();
    assertThat(a.get("circuit").asText())
        .isEqualTo("settlement-m2-k1-a2-d2-o2-t1-w1-l2-q1-s1-opt-pm-owner");
    // a trader switched to portfolio margin by a signed request, then wrote calls against its long
    // perpetual: its mode is in the state L1's root commits
    assertThat(a.get("portfolio_accounts").asLong()).isGreaterThanOrEqualTo(1);
    // a trader writes the demo's call and another buys it: the fill is in a verified batch, which
    // commits the call's mark
    assertThat(a.get("option_trades").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(a.get("option_mark").asLong()).isPositive();
    // the escape scenario trades the call too: its writer and buyer exit (asserted below)
    assertThat(b.get("option_trades").asLong()).isGreaterThanOrEqualTo(1);
    // the owner data of a changed account: 2^24 + account, its leaf, 11 ciphertext elements
    assertThat(a.get("da_bytes_per_changed_account").asLong()).isPositive().isEqualTo(13 * 32);
    assertThat(a.get("constraints").asInt()).isPositive();
    assertThat(a.get("constraints_per_trade").asLong()).isEqualTo(a.get("constraints").asLong());
    // the traders' 14 lots bought and sold cross in fills of at most 3 lots: the sequencer's fills
    // reach the verified batches, each proven by the settlement circuit
    assertThat(a.get("trades_proven").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(a.get("ms_per_trade").asDouble()).isPositive();
    // the oracle's last move puts the leveraged trader under maintenance: its liquidation is
    // counted from the sweeps of the batches L1 verified, in both runs
    assertThat(a.get("liquidations_proven").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(b.get("liquidations_proven").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(a.get("keys_reused").asBoolean()).isFalse();
    assertThat(b.get("keys_reused").asBoolean()).isTrue();
    assertThat(b.get("key_dir").asText()).isEqualTo(a.get("key_dir").asText());
    assertThat(a.get("setup_kind").asText()).isEqualTo("development");
    assertThat(b.get("verifying_key_hash").asText())
        .isEqualTo(a.get("verifying_key_hash").asText())
        .matches("0x[0-9a-f]{64}");
    // the second run is the escape scenario: the node stops, its first trader exits from L1 data
    assertThat(a.has("escape_exit_paid")).isFalse();
    assertThat(b.get("escape_exit_paid").asBoolean()).isTrue();
    assertThat(b.get("escape_exit_amount").asLong())
        .isPositive()
        .isEqualTo(b.get("escape_expected_equity").asLong());
    assertThat(b.get("escape_second_exit_refused").asBoolean()).isTrue();
    // the other traders with equity exit too, and the bridge's money adds up
    assertThat(b.get("escape_exits").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(b.get("escape_option_holder_exits").asInt())
        .as("the call's writer and buyer exit")
        .isGreaterThanOrEqualTo(2);
    assertThat(b.get("escape_solvency_holds").asBoolean()).isTrue();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("exits from L1 data alone")
        .contains("has already exited")
        .contains("keys reused from")
        .contains("development keys (single-party setup")
        .contains("claimed 1000000 on L1")
        .contains("the development oracle moves ETH-PERP")
        .containsPattern("batch \\d+: 1 trade\\(s\\)")
        .containsPattern("[1-9] liquidation\\(s\\) \\(sealed")
        .containsPattern("[1-9] funding tick\\(s\\)");
  }

  @Test
  void badArgumentsGetOneLineAndExitCode2BeforeAnyWork() {
    Path missingDir = dir.resolve("no-such-dir/out.json");
    for (String[] args :
        new String[][] {
          {"demo", "--batches", "0"},
          {"demo", "--batches", "many"},
          {"demo", "--batches", "999999"},
          {"demo", "--summary", missingDir.toString()},
          {"demo", "--summary", dir.toString()},
          {"demo", "--no-such-option"},
          {"demo", "--scenario", "sideways"},
        }) {
      Outcome o = runCapturingErr(args);
      assertThat(o.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(o.err().lines()).as(o.err()).hasSize(1);
      assertThat(o.err()).startsWith("sable demo: ").doesNotContain("Exception");
    }
    assertThat(runCapturingErr("demo", "--summary", missingDir.toString()).err())
        .contains("does not exist");
    // Nothing ran: no key directory was made for the runs above.
    assertThat(dir.resolve("keys")).doesNotExist();
  }

  @Test
  void aMissingToolIsExitCode3WithTheRemedy() {
    String root = System.getProperty("sable.root");
    System.setProperty("sable.root", dir.toString()); // a checkout without node_modules
    try {
      Outcome o = runCapturingErr("demo", "--key-dir", dir.resolve("keys").toString());
      assertThat(o.code()).isEqualTo(3);
      assertThat(o.err().lines()).hasSize(1);
      assertThat(o.err()).contains("node_modules/.bin/anvil is missing: run scripts/setup.sh");
    } finally {
      System.setProperty("sable.root", root);
    }
  }

  @Test
  void helpListsTheExitCodesAndShowsDefaults() {
    StringWriter out = new StringWriter();
    CommandLine cmd = CommandLines.create(new SableCli());
    cmd.setOut(new PrintWriter(out, true));
    assertThat(cmd.execute("demo", "--help")).isZero();
    assertThat(out.toString())
        .contains("Default: 3")
        .contains(".sable/keys")
        .contains("Exit codes:")
        .contains("70 ")
        .contains("--verbose");
  }
}
