package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.MarketElement;
import dev.sable.batch.PublicInputs;
import dev.sable.batch.RiskCommitment;
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
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.OptionSpec;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.TimeToExpiry;
import dev.sable.sequencer.options.UnderlyingRisk;
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
  static final PublicDataLayout PM_LAYOUT = new PublicDataLayout(1, 1, 2, 0, 0, 0, true);
  static final long RANGE_PPM = 120_000;

  @TempDir Path dir;

  @Test
  void anHonestBatchPassesAndATamperedMarkFailsNamingItsRow() throws IOException {
    Path config = config();
    try (DevChain chain = acceptingChain(LAYOUT)) {
      SettlementBridgeClient bridge = chain.bridge();
      long honest = mark(DAY);
      submit(bridge, 1, DAY, honest);
      submit(bridge, 2, 2 * DAY, mark(2 * DAY) + 5);

      List<String> lines = verify(chain, config, ExitCode.CHECK_FAILED);
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
      assertThat(lines.get(2))
          .isEqualTo(
              "verify: 2 batches, 2 option marks recomputed, 0 risk rows recomputed, 1 failed");
    }
  }

  /**
   * A {@code -pm} bridge (its layout ends with the risk commitment, emitted in {@code
   * RiskCommitted}): batch 1 publishes the perpetual's range and the commitment of the arrays the
   * sequencer's calculator computes from its public data; batch 2 commits the arrays with the put's
   * -R scenario understated by 100; batch 3 publishes a perpetual row without a range. The command
   * recomputes batch 1's two risk rows and passes it, fails batch 2 (the batch's commitment) and
   * batch 3 naming the perpetual's row, and exits 1.
   */
  @Test
  void aPortfolioBatchsRiskArraysAreRecomputedFromTheBridgesEvents() throws IOException {
    Path config = config();
    try (DevChain chain = acceptingChain(PM_LAYOUT)) {
      SettlementBridgeClient bridge = chain.bridge();
      RiskArraySet honest = arrays(DAY);
      submit(bridge, PM_LAYOUT, 1, DAY, mark(DAY), RANGE_PPM, RiskCommitment.of(honest, 2));
      List<InstrumentRisk> rows = new ArrayList<>(arrays(2 * DAY).instruments());
      InstrumentRisk put = rows.get(1);
      long[] pnl = put.pnl();
      pnl[12] += 100;
      rows.set(1, new InstrumentRisk(put.instrument(), put.mark(), put.shortMinimum(), pnl));
      RiskArraySet lowered = new RiskArraySet(1, 2 * DAY, arrays(2 * DAY).underlyings(), rows);
      submit(
          bridge, PM_LAYOUT, 2, 2 * DAY, mark(2 * DAY), RANGE_PPM, RiskCommitment.of(lowered, 2));
      submit(
          bridge, PM_LAYOUT, 3, 3 * DAY, mark(3 * DAY), 0, RiskCommitment.of(arrays(3 * DAY), 2));

      List<String> lines = verify(chain, config, ExitCode.CHECK_FAILED);
      assertThat(lines).hasSize(4);
      JsonNode first = new ObjectMapper().readTree(lines.get(0));
      assertThat(first.path("risk_rows").asInt()).isEqualTo(2);
      assertThat(first.path("passed").asBoolean()).as(lines.get(0)).isTrue();
      JsonNode second = new ObjectMapper().readTree(lines.get(1));
      assertThat(second.path("findings")).hasSize(1);
      assertThat(second.path("findings").get(0).asText())
          .startsWith("the batch: risk commitment " + RiskCommitment.of(lowered, 2).toBigInteger());
      JsonNode third = new ObjectMapper().readTree(lines.get(2));
      assertThat(third.path("findings")).hasSize(1);
      assertThat(third.path("findings").get(0).asText())
          .startsWith("market row 0 (market 0): published range 0 ppm at mark 3000");
      assertThat(lines.get(3))
          .isEqualTo(
              "verify: 3 batches, 3 option marks recomputed, 2 risk rows recomputed, 2 failed");
    }
  }

  /** The sequencer's arrays at {@code time}: the perpetual at 3,000 and RANGE_PPM, the put. */
  static RiskArraySet arrays(long time) {
    return new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
        .compute(
            time,
            List.of(new UnderlyingRisk(0, 3000, RANGE_PPM)),
            List.of(new RiskInstrument.Option(1, PUT, VOL_PPM)));
  }

  /** The deployment's settings: the perpetual (market 0) and the put on it (market 1). */
  Path config() throws IOException {
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
    return config;
  }

  /** A bridge of this layout whose settlement verifier accepts any proof. */
  static DevChain acceptingChain(PublicDataLayout layout) throws IOException {
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
    return DevChain.on(
        AnvilNode.start(toolchain),
        accepting,
        DevChain.fixtureExitVerifierCode(toolchain),
        layout,
        BigInteger.ONE,
        2);
  }

  /** Runs {@code sable verify} against the chain's bridge; its printed lines. */
  static List<String> verify(DevChain chain, Path config, ExitCode expected) {
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
              chain.bridge().address(),
              "--config",
              config.toString());
    } finally {
      System.setOut(stdout);
    }
    assertThat(code).isEqualTo(expected.code());
    return out.toString(StandardCharsets.UTF_8).strip().lines().toList();
  }

  /** The put's mark at {@code time}, the perpetual at 3,000. */
  static long mark(long time) {
    return Black76.mark(PUT, 3000, VOL_PPM, TimeToExpiry.between(time, EXPIRY, OptionMarks.TIME));
  }

  /** A batch of no deposit and no withdrawal whose market rows are the perpetual and the put. */
  static void submit(SettlementBridgeClient bridge, long number, long time, long putMark) {
    submit(bridge, LAYOUT, number, time, putMark, 0, null);
  }

  /**
   * The same at a layout: the perpetual's row publishing {@code rangePpm}, and with a risk
   * commitment as the last element when the layout has one.
   */
  static void submit(
      SettlementBridgeClient bridge,
      PublicDataLayout layout,
      long number,
      long time,
      long putMark,
      long rangePpm,
      Fr riskCommitment) {
    List<Fr> d = new ArrayList<>(Collections.nCopies(layout.length(), Fr.ZERO));
    d.set(0, Fr.ofLong(AnvilNode.CHAIN_ID));
    d.set(1, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    d.set(2, Fr.ofLong(number));
    d.set(3, Fr.ofLong(time));
    d.set(4, Fr.of(bridge.stateRoot()));
    d.set(5, Fr.ofLong(1_000 + number));
    d.set(
        layout.marketsAt(),
        Fr.of(
            market(0, false, 3000, 0)
                .toBigInteger()
                .add(BigInteger.valueOf(rangePpm).shiftLeft(MarketElement.RANGE))));
    d.set(layout.marketsAt() + 1, market(1, true, putMark, VOL_PPM));
    if (layout.riskCommitment()) {
      d.set(layout.riskCommitmentAt(), riskCommitment);
    }
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
