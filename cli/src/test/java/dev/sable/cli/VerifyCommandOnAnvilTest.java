package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.PublicInputs;
import dev.sable.crypto.Fr;
import dev.sable.devnet.AnvilNode;
import dev.sable.devnet.DevChain;
import dev.sable.devnet.Toolchain;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBatch;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.Black76;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.TimeToExpiry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sable verify} end to end on anvil: a bridge whose settlement verifier accepts any proof
 * (the Foundry tests' {@code AcceptingVerifier}, so the public data can be written here) accepts
 * two batches of a perpetual at 3,000 and a put on it; the first publishes the put's Black-76 mark,
 * the second one tick more. The command, given the deployment's settings, passes the first and
 * fails the second (exit 1), naming the put's market row.
 */
class VerifyCommandOnAnvilTest {
  static final long DAY = 86_400_000L;
  static final long EXPIRY = 30 * DAY;
  static final OptionSpec PUT = new OptionSpec(0, OptionKind.PUT, 3000, EXPIRY, 1, 5, 1);
  static final long VOL_PPM = 800_000;
  static final PublicDataLayout LAYOUT = new PublicDataLayout(1, 1, 2);

  @TempDir Path dir;

  @Test
  void anHonestBatchPassesAndATamperedMarkFailsNamingItsRow() throws IOException {
    Path config = dir.resolve("sable.yaml");
    Files.writeString(
        config,
        "pipeline: {capacities: tiny_l2_q1_opt_owner}\n"
            + "markets:\n"
            + "  - {spec: {symbol: P, tickSize: 1, maxPrice: 1000000,"
            + VerifyCommandTest.SPEC
            + "}, devOraclePrice: 3000}\n"
            + "  - {spec: {symbol: C, tickSize: 5, maxPrice: 1000000,"
            + VerifyCommandTest.SPEC
            + "}, devOraclePrice: 800000, option: {underlyingMarket: 0, kind: PUT,"
            + " strike: 3000, expiry: "
            + EXPIRY
            + ", contractSize: 1}}\n");
    Toolchain toolchain = Toolchain.fromEnvironment();
    String accepting =
        new ObjectMapper()
            .readTree(
                toolchain
                    .root()
                    .resolve("l1-bridge/contracts/out/SyntheticBatches.sol/AcceptingVerifier.json")
                    .toFile())
            .path("bytecode")
            .path("object")
            .asText();
    try (DevChain chain =
        DevChain.on(
            AnvilNode.start(toolchain),
            accepting,
            DevChain.fixtureExitVerifierCode(toolchain),
            LAYOUT,
            BigInteger.ONE,
            2)) {
      SettlementBridgeClient bridge = chain.bridge();
      long honest = mark(DAY);
      submit(bridge, 1, DAY, honest);
      submit(bridge, 2, 2 * DAY, mark(2 * DAY) + 5);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code;
      try {
        code =
            CeremonyCommandTest.run(
                "verify",
                "--l1-rpc",
                chain.rpcUrl(),
                "--bridge",
                bridge.address(),
                "--config",
                config.toString());
      } finally {
        System.setOut(stdout);
      }
      assertThat(code).isEqualTo(ExitCode.CHECK_FAILED.code());
      List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
      assertThat(lines).hasSize(3);
      JsonNode first = new ObjectMapper().readTree(lines.get(0));
      assertThat(first.path("batch").asLong()).isEqualTo(1);
      assertThat(first.path("option_marks").asInt()).isEqualTo(1);
      assertThat(first.path("passed").asBoolean()).isTrue();
      JsonNode second = new ObjectMapper().readTree(lines.get(1));
      assertThat(second.path("passed").asBoolean()).isFalse();
      assertThat(second.path("findings")).hasSize(1);
      assertThat(second.path("findings").get(0).asText())
          .startsWith(
              "market row 1 (market 1): published mark "
                  + (mark(2 * DAY) + 5)
                  + ", Black-76 gives "
                  + mark(2 * DAY));
      assertThat(lines.get(2)).isEqualTo("verify: 2 batches, 2 option marks recomputed, 1 failed");
    }
  }

  /** The put's mark at {@code time}, the perpetual at 3,000. */
  static long mark(long time) {
    return Black76.mark(PUT, 3000, VOL_PPM, TimeToExpiry.between(time, EXPIRY, OptionMarks.TIME));
  }

  /** A batch of no deposit and no withdrawal whose market rows are the perpetual and the put. */
  static void submit(SettlementBridgeClient bridge, long number, long time, long putMark) {
    List<Fr> d = new ArrayList<>(Collections.nCopies(LAYOUT.length(), Fr.ZERO));
    d.set(0, Fr.ofLong(AnvilNode.CHAIN_ID));
    d.set(1, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    d.set(2, Fr.ofLong(number));
    d.set(3, Fr.ofLong(time));
    d.set(4, Fr.of(bridge.stateRoot()));
    d.set(5, Fr.ofLong(1_000 + number));
    d.set(LAYOUT.marketsAt(), market(0, false, 3000, 0));
    d.set(LAYOUT.marketsAt() + 1, market(1, true, putMark, VOL_PPM));
    bridge.submitBatch(
        new SettlementBatch(
            d.stream().map(Fr::toBigInteger).toList(),
            PublicInputs.bind(d).commitment().toBigInteger(),
            new byte[SettlementBatch.PROOF_BYTES]));
  }

  /**
   * A market element with a valid mark: {@code market + 2^9 + 2^10 option + 2^16 (0 + 2^63) + 2^80
   * mark + 2^144 (0 + 2^63) + 2^208 volPpm}.
   */
  static Fr market(long market, boolean option, long mark, long volPpm) {
    BigInteger offset = BigInteger.ONE.shiftLeft(63);
    return Fr.of(
        BigInteger.valueOf(market)
            .setBit(9)
            .add(option ? BigInteger.ONE.shiftLeft(10) : BigInteger.ZERO)
            .add(offset.shiftLeft(16))
            .add(BigInteger.valueOf(mark).shiftLeft(80))
            .add(offset.shiftLeft(144))
            .add(BigInteger.valueOf(volPpm).shiftLeft(208)));
  }
}
