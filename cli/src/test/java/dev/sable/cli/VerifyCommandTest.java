package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.verify.MarketListing;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.pipeline.SettlementGenesis;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.options.OptionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sable verify}'s wiring: the listing it checks against is the configured markets as the
 * node lists them (id = place; an option's terms with its tick and lot), an unreachable L1 is exit
 * code 5 and a bad address a usage error. The checks themselves: ArrayVerificationTest (batch).
 */
class VerifyCommandTest {
  static final String SPEC =
      " lotSize: 1, initialMarginPpm: 100000, maintenanceMarginPpm: 50000, makerFeePpm: 0,"
          + " takerFeePpm: 500, maxPosition: 1000000, oracleSources: 1,"
          + " oracleStaleness: 3600000, fundingInterval: 3600000, fundingClampPpm: 2000,"
          + " impactQuantity: 100";

  @TempDir Path dir;

  @Test
  void theListingIsTheConfiguredMarketsInOrder() throws IOException {
    Path config = dir.resolve("sable.yaml");
    Files.writeString(
        config,
        "pipeline: {capacities: tiny_l2_q1_opt_owner}\n"
            + "markets:\n"
            + "  - {spec: {symbol: P, tickSize: 1, maxPrice: 1000000,"
            + SPEC
            + "}, devOraclePrice: 3000}\n"
            + "  - {spec: {symbol: C, tickSize: 5, maxPrice: 1000000,"
            + SPEC
            + "}, devOraclePrice: 800000, option: {underlyingMarket: 0, kind: PUT,"
            + " strike: 3000, expiry: 4000000000000, contractSize: 1}}\n");
    MarketListing listing =
        SettlementGenesis.listing(ConfigLoader.load(config, Map.of()).markets());
    assertThat(listing.listed(0)).isTrue();
    assertThat(listing.option(0)).isEmpty();
    assertThat(listing.option(1))
        .contains(new OptionSpec(0, OptionKind.PUT, 3000, 4_000_000_000_000L, 1, 5, 1));
    assertThat(listing.listed(2)).isFalse();
  }

  @Test
  void anUnreachableL1IsExitCode5AndABadAddressAUsageError() {
    String bridge = "0x" + "00".repeat(19) + "01";
    assertThat(
            CeremonyCommandTest.run("verify", "--l1-rpc", "http://127.0.0.1:9", "--bridge", bridge))
        .isEqualTo(ExitCode.L1.code());
    assertThat(
            CeremonyCommandTest.run(
                "verify", "--l1-rpc", "http://127.0.0.1:9", "--bridge", "0x1234"))
        .isEqualTo(ExitCode.USAGE.code());
  }
}
