package dev.sable.batch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.Capacities;
import dev.sable.batch.RiskCommitment;
import dev.sable.crypto.Fr;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OptionTerms;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/pmbatches.txt, made by Go: the public data of the {@code -pm} portfolio
 * scenario's batches, which the settlement circuit accepts ({@code result.pubdata}), and the risk
 * rows each committed to ({@code op.risk}, the circuit's form). Java's {@link RiskCommitment} of
 * the rows is each batch's last public-data element; the checks of {@code sable verify} pass the
 * first batch (its one perpetual row is the grid's exact moves at the published mark) and find what
 * the scenario wrote by hand in the others (Go has no Black-76): the call's made-up mark and array,
 * and the perpetual's array at a mark other than the published one. The rows are completed with the
 * batch's own published marks and volatilities and the listed terms, as a verifier given the
 * circuit's rows would.
 */
class VerifyPortfolioBatchesTest {
  record Batch(long number, long time, List<Fr> d, long[] risk) {}

  int marketRows;
  int marketsAt;
  int riskAt;
  final List<MarketLeafV2> genesis = new ArrayList<>();
  final List<Batch> batches = new ArrayList<>();
  MarketListing listing;

  @BeforeEach
  void read() throws IOException {
    VectorRecord batch = null;
    List<Long> risk = new ArrayList<>();
    for (VectorRecord r : VectorFiles.read("pmbatches.txt")) {
      switch (r.kind()) {
        case "settlement.caps" -> {
          Capacities caps = Capacities.PORTFOLIO;
          assertThat(r.longValue("markets")).isEqualTo(caps.markets());
          assertThat(r.longValue("deposits")).isEqualTo(caps.deposits());
          assertThat(r.longValue("withdrawals")).isEqualTo(caps.withdrawals());
          marketRows = caps.markets();
          marketsAt = caps.marketsAt();
          riskAt = caps.publicDataLength() - 1;
        }
        case "genesis.market" -> genesis.add(market(r));
        case "settlement.batch" -> {
          batch = r;
          risk.clear();
        }
        case "op.risk" -> {
          risk.addAll(
              List.of(
                  r.longValue("market"),
                  r.longValue("underlying"),
                  r.longValue("range"),
                  r.longValue("shortminimum")));
          Arrays.stream(longs(r.get("pnl"))).forEach(risk::add);
        }
        case "result.pubdata" ->
            batches.add(
                new Batch(
                    batch.longValue("number"),
                    batch.longValue("time"),
                    r.frList("d"),
                    risk.stream().mapToLong(Long::longValue).toArray()));
        default -> {} // the operations, rows, results and witness: what the builder replays
      }
    }
    listing = MarketListing.ofGenesis(genesis);
    assertThat(batches).hasSize(3);
  }

  static MarketLeafV2 market(VectorRecord r) {
    long[] p = longs(r.get("params"));
    MarketParams params =
        new MarketParams(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
    if (!r.fields().containsKey("option")) {
      return MarketLeafV2.listed(r.longValue("id"), params, List.of());
    }
    long[] o = longs(r.get("option"));
    return MarketLeafV2.listedOption(
        r.longValue("id"),
        params,
        List.of(),
        new OptionTerms(o[0], Math.toIntExact(o[1]), o[2], o[3], o[4]));
  }

  List<PublishedMarket> rows(Batch b) {
    return PublishedMarket.decodeAll(
        b.d().subList(marketsAt, marketsAt + marketRows).stream().map(Fr::toBigInteger).toList());
  }

  /** The batch's arrays: its committed rows, with its published marks and volatilities. */
  RiskArraySet arrays(Batch b, long[] risk) {
    Map<Long, PublishedMarket> published = new TreeMap<>();
    rows(b).forEach(r -> published.put(r.market(), r));
    List<UnderlyingRisk> underlyings = new ArrayList<>();
    List<InstrumentRisk> instruments = new ArrayList<>();
    int width = 4 + ScenarioGrid.V1.size();
    for (int at = 0; at < risk.length; at += width) {
      int market = Math.toIntExact(risk[at]);
      PublishedMarket row = published.get((long) market);
      long[] pnl = Arrays.copyOfRange(risk, at + 4, at + width);
      if (risk[at + 1] == market) {
        underlyings.add(new UnderlyingRisk(market, row.mark(), risk[at + 2]));
        instruments.add(
            new InstrumentRisk(new RiskInstrument.Perpetual(market), row.mark(), 0, pnl));
      } else {
        RiskInstrument.Option option =
            new RiskInstrument.Option(market, listing.option(market).orElseThrow(), row.volPpm());
        instruments.add(new InstrumentRisk(option, row.mark(), risk[at + 3], pnl));
      }
    }
    return new RiskArraySet(ScenarioGrid.V1.version(), b.time(), underlyings, instruments);
  }

  List<Finding> riskFindings(Batch b, long[] risk, Fr committed) {
    return new RiskArrayCheck(listing)
        .check(b.time(), rows(b), arrays(b, risk), committed, marketRows);
  }

  @Test
  void theCommitmentOfTheRowsIsTheBatchsLastElement() {
    for (Batch b : batches) {
      assertThat(b.d()).hasSize(riskAt + 1);
      assertThat(RiskCommitment.of(arrays(b, b.risk()), marketRows))
          .as("batch %d", b.number())
          .isEqualTo(b.d().get(riskAt));
    }
  }

  List<Finding> allFindings(Batch b) {
    List<Finding> found = new ArrayList<>(riskFindings(b, b.risk(), b.d().get(riskAt)));
    found.addAll(new OptionMarkCheck(listing).check(b.time(), rows(b)));
    return found;
  }

  @Test
  void sableVerifysChecksFindTheHandWrittenRows() {
    assertThat(allFindings(batches.get(0))).as("batch 1: the perpetual's exact moves").isEmpty();
    for (Batch b : batches.subList(1, 3)) {
      assertThat(allFindings(b))
          .extracting(Finding::toString)
          .as("batch %d", b.number())
          .containsExactly(
              "market row 0 (market 3): risk row differs from its recomputation (its mark, short"
                  + " minimum or scenario P&L)",
              "market row 1 (market 20): risk row differs from its recomputation (its mark, short"
                  + " minimum or scenario P&L)",
              "market row 1 (market 20): published mark 2000, Black-76 gives "
                  + (b.number() == 2 ? "80 (underlying mark 50050" : "120 (underlying mark 50100")
                  + ", volatility 500000 ppm, batch time "
                  + b.time()
                  + ", expiry 1000000)");
    }
  }

  /**
   * From the public data alone (no rows beside the batch): batch 1's commitment is what Java
   * recomputes from its published mark and range (BTC at 50,000, 100,000 ppm); the hand-written
   * rows of batches 2 and 3 do not follow from theirs.
   */
  @Test
  void theCommitmentIsRecomputedFromThePublicDataAlone() {
    Batch first = batches.get(0);
    assertThat(rows(first).getFirst().rangePpm()).isEqualTo(100_000);
    assertThat(publishedFindings(first)).isEmpty();
    for (Batch b : batches.subList(1, 3)) {
      assertThat(publishedFindings(b))
          .as("batch %d", b.number())
          .singleElement()
          .satisfies(f -> assertThat(f.toString()).startsWith("the batch: risk commitment"));
    }
  }

  List<Finding> publishedFindings(Batch b) {
    return new RiskArrayCheck(listing)
        .checkPublished(b.time(), rows(b), b.d().get(riskAt), marketRows);
  }

  @Test
  void rowsOtherThanTheCommittedOrAnotherCommitmentAreReported() {
    Batch b = batches.get(0);
    Fr other = Fr.of(b.d().get(riskAt).toBigInteger().add(BigInteger.ONE));
    assertThat(riskFindings(b, b.risk(), other))
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).startsWith("risk commitment"));
    long[] lowered = b.risk().clone();
    lowered[4 + 12] += 1; // the perpetual's -R scenario, beside the batch, not as committed
    assertThat(riskFindings(b, lowered, b.d().get(riskAt)))
        .extracting(Finding::toString)
        .containsExactly(
            "market row 0 (market 3): risk row differs from its recomputation (its mark, short"
                + " minimum or scenario P&L)",
            "the batch: risk commitment "
                + b.d().get(riskAt).toBigInteger()
                + " in the public data, the arrays give "
                + RiskCommitment.of(arrays(b, lowered), marketRows).toBigInteger());
  }

  static long[] longs(String csv) {
    return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
