package dev.sable.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.batch.verify.BatchVerification;
import dev.sable.batch.verify.MarketListing;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.node.config.ConfigLoader;
import dev.sable.node.l1.AcceptedBatchCheck;
import dev.sable.node.pipeline.SettlementGenesis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sable verify}: checks the batches a settlement bridge accepted from L1 data alone (their
 * {@code BatchSubmitted} events) and the deployment's market listing: each option row's committed
 * mark is recomputed with the sequencer's pricing, a settling row's as its payoff ({@link
 * BatchVerification}; docs/options.md "Verification" says what is and is not checked).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check the batches a settlement bridge accepted, from L1 data alone: every option row's"
          + " committed mark is recomputed (Black-76 at the batch's published underlying mark and"
          + " volatility, the listed terms and the batch time), and a settling option row's mark"
          + " must be its payoff per unit at the settlement price (every batch is read in order"
          + " for it, also with --batch). Prints one JSON line per batch"
          + " and exits 1 when any batch fails, naming the market row.",
      "The listing (market ids, option terms, tick) is the node configuration's markets, taken as"
          + " given. Not checked here: the volatilities against signed records, and a -pm"
          + " batch's risk arrays (not on L1; docs/options.md \"What `sable verify` checks\")."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin BridgeOnL1 l1;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The deployment's node settings (YAML, docs/node.md), for its markets (default: the"
              + " embedded defaults, then SABLE_* environment variables, as a node reads them).")
  Path config;

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "Verify batch N only (default: every accepted batch).")
  Long batch;

  private static final ObjectMapper ONE_LINE = new ObjectMapper();

  /** Never signs: the client only reads the bridge's logs. */
  private static final Credentials READER = Credentials.create(ECKeyPair.create(BigInteger.ONE));

  @Override
  public Integer call() throws Exception {
    String bridgeAddress = l1.bridgeAddress();
    MarketListing listing =
        SettlementGenesis.listing(ConfigLoader.load(config, System.getenv()).markets());
    Web3j web3j = l1.connect();
    List<BatchVerification> verified;
    try {
      long chain = web3j.ethChainId().send().getChainId().longValueExact();
      verified =
          AcceptedBatchCheck.run(
              SettlementBridgeClient.attach(web3j, READER, chain, bridgeAddress),
              listing,
              batch == null ? OptionalLong.empty() : OptionalLong.of(batch));
    } catch (IOException | UncheckedIOException e) {
      throw l1.unreachable("to read the bridge's batches", e);
    } finally {
      web3j.shutdown();
    }
    int marks = 0;
    int riskRows = 0;
    int failed = 0;
    for (BatchVerification v : verified) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("batch", v.batchNumber());
      line.put("option_marks", v.optionMarks());
      line.put("risk_rows", v.riskRows());
      line.put("passed", v.passed());
      line.put("findings", v.findings().stream().map(Object::toString).toList());
      System.out.println(ONE_LINE.writeValueAsString(line));
      marks += v.optionMarks();
      riskRows += v.riskRows();
      failed += v.passed() ? 0 : 1;
    }
    if (batch != null && verified.isEmpty()) {
      throw new UsageException("--batch " + batch + ": the bridge accepted no such batch");
    }
    System.out.printf(
        "verify: %d batches, %d option marks recomputed, %d risk rows recomputed, %d failed%n",
        verified.size(), marks, riskRows, failed);
    return failed == 0 ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
  }
}
