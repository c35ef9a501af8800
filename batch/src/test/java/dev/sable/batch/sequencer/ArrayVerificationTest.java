package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.MarketElement;
import dev.sable.batch.RiskCommitment;
import dev.sable.batch.verify.BatchVerification;
import dev.sable.batch.verify.Finding;
import dev.sable.batch.verify.MarketListing;
import dev.sable.batch.verify.OptionMarkCheck;
import dev.sable.batch.verify.PayoffMarkCheck;
import dev.sable.batch.verify.PublishedMarket;
import dev.sable.batch.verify.RiskArrayCheck;
import dev.sable.crypto.Fr;
import dev.sable.sequencer.margin.Margin;
import dev.sable.sequencer.optionmarket.OptionMarks;
import dev.sable.sequencer.options.InstrumentRisk;
import dev.sable.sequencer.options.RiskArrayCalculator;
import dev.sable.sequencer.options.RiskArraySet;
import dev.sable.sequencer.options.RiskInstrument;
import dev.sable.sequencer.options.ScenarioGrid;
import dev.sable.sequencer.options.UnderlyingRisk;
import dev.sable.state.settlement.MarketLeafV2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code sable verify} checks of a batch's option rows and risk arrays ({@link
 * OptionMarkCheck}, {@link RiskArrayCheck}), on {@code -pm} batches the Java builder makes from a
 * sequencer stream with a call (OptionBatchesTest's, at the PORTFOLIO capacities): the honest
 * batches pass, and each tampered mark, volatility, row kind, risk entry, range, risk input or
 * commitment is reported naming its row (the commitment, one element, naming the batch). The risk
 * arrays are the sequencer's ({@code Margin.riskArrays} at each batch's time, what the batcher
 * seals), and the batch publishes each perpetual row's range and their commitment, so {@link
 * RiskArrayCheck#checkPublished} recomputes them from the public data alone.
 */
class ArrayVerificationTest {
  static final Capacities CAPS = Capacities.PORTFOLIO;
  static final int MARKET_ROWS = CAPS.markets();

  record Sealed(BuiltBatch batch, RiskArraySet arrays) {}

  final List<Sealed> batches = new ArrayList<>();
  MarketListing listing;

  @BeforeEach
  void twoBatchesTradingACall() {
    SequencedWorld w = OptionBatchesTest.funded(CAPS);
    List<RiskArraySet> arrays = new ArrayList<>();
    long mark = w.state().market(1).mark();
    w.limit(OptionBatchesTest.ALICE, 1, 1, 1, mark, 1_000);
    w.limit(OptionBatchesTest.BOB, 1, 1, 0, mark, 1_000);
    arrays.add(sequencersArrays(w));
    w.seal();
    w.time(OptionBatchesTest.DAY); // a day later, the underlying up 1%: the call's mark moves
    w.prices(0, 50_500);
    w.volatility(1, 500_000); // fresh again
    w.limit(OptionBatchesTest.BOB, 1, 2, 1, w.state().market(1).mark(), 400);
    w.limit(OptionBatchesTest.ALICE, 1, 2, 0, w.state().market(1).mark(), 400);
    arrays.add(sequencersArrays(w));
    w.seal();
    // The oracle slots seal a batch of the underlying's prices before each one's volatility records
    // (three prices and three volatilities do not fit three slots): the trading batches are kept.
    List<BuiltBatch> built =
        w.buildAll().stream().filter(b -> !b.witness().trades().isEmpty()).toList();
    assertThat(built).hasSize(2);
    for (int i = 0; i < built.size(); i++) {
      batches.add(new Sealed(built.get(i), arrays.get(i)));
    }
    List<MarketLeafV2> genesis = new ArrayList<>();
    for (long id : w.world.state().marketIds()) {
      genesis.add(w.world.state().market(id).orElseThrow());
    }
    listing = MarketListing.ofGenesis(genesis);
  }

  /** The risk arrays the sequencer computes now, from its own state: what the batcher seals. */
  static RiskArraySet sequencersArrays(SequencedWorld w) {
    return new Margin(w.state()).riskArrays(List.of(0, 1));
  }

  /** The batch's risk commitment, its public data's last element. */
  static Fr committed(BuiltBatch b) {
    return b.witness().publicData().get(CAPS.publicDataLength() - 1);
  }

  static long time(BuiltBatch b) {
    return b.witness().publicData().get(3).toBigInteger().longValueExact();
  }

  static List<BigInteger> marketElements(BuiltBatch b) {
    return marketElements(b, CAPS);
  }

  /** The market elements of a batch built at capacities c. */
  static List<BigInteger> marketElements(BuiltBatch b, Capacities c) {
    int at = c.marketsAt();
    return b.witness().publicData().subList(at, at + c.markets()).stream()
        .map(Fr::toBigInteger)
        .toList();
  }

  static List<PublishedMarket> rows(BuiltBatch b, UnaryOperator<BigInteger> callElement) {
    List<BigInteger> e = new ArrayList<>(marketElements(b));
    e.set(1, callElement.apply(e.get(1))); // row 0: market 0, row 1: the call
    return PublishedMarket.decodeAll(e);
  }

  List<Finding> optionFindings(Sealed s, UnaryOperator<BigInteger> callElement) {
    return new OptionMarkCheck(listing).check(time(s.batch()), rows(s.batch(), callElement));
  }

  List<Finding> riskFindings(Sealed s, RiskArraySet set, Fr committed) {
    return new RiskArrayCheck(listing)
        .check(time(s.batch()), rows(s.batch(), e -> e), set, committed, MARKET_ROWS);
  }

  List<Finding> riskFindings(Sealed s, RiskArraySet set) {
    return riskFindings(s, set, RiskCommitment.of(set, MARKET_ROWS));
  }

  @Test
  void honestBatchesPassEveryCheck() {
    for (Sealed s : batches) {
      List<PublishedMarket> rows = rows(s.batch(), e -> e);
      assertThat(OptionMarkCheck.priced(rows)).as("valid option marks").isEqualTo(1);
      assertThat(optionFindings(s, e -> e)).as("batch %d", s.batch().number()).isEmpty();
      assertThat(riskFindings(s, s.arrays())).as("batch %d", s.batch().number()).isEmpty();
    }
    assertThat(rows(batches.get(1).batch(), e -> e).get(1).mark())
        .as("the call's mark moved with its underlying")
        .isNotEqualTo(rows(batches.get(0).batch(), e -> e).get(1).mark());
  }

  @Test
  void aTamperedOptionMarkIsReportedNamingItsRow() {
    for (Sealed s : batches) {
      assertThat(optionFindings(s, e -> e.add(BigInteger.TEN.shiftLeft(80)))) // one tick more
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.where()).isEqualTo("market row 1 (market 1)");
                assertThat(f.problem()).contains("published mark").contains("Black-76 gives");
              });
    }
  }

  @Test
  void aTamperedVolatilityOrUnderlyingMarkIsReported() {
    Sealed s = batches.get(0);
    // the call published at 40% while its mark is the one at 50%
    BigInteger vol = BigInteger.valueOf(100_000).shiftLeft(208);
    assertThat(optionFindings(s, e -> e.subtract(vol)))
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("market row 1").contains("400000 ppm"));
    // the underlying published 100 higher: the call's mark no longer follows from it
    List<BigInteger> e = new ArrayList<>(marketElements(s.batch()));
    e.set(0, e.get(0).add(BigInteger.valueOf(100).shiftLeft(80)));
    assertThat(new OptionMarkCheck(listing).check(time(s.batch()), PublishedMarket.decodeAll(e)))
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("market row 1").contains("50100"));
  }

  @Test
  void anOptionPublishedAsAPerpetualRowIsReported() {
    assertThat(optionFindings(batches.get(0), e -> e.clearBit(10)))
        .singleElement()
        .hasToString(
            "market row 1 (market 1): an option listed at genesis, published as a"
                + " perpetual row");
  }

  @Test
  void aTamperedRiskEntryIsReportedNamingItsRow() {
    Sealed s = batches.get(0);
    // the call's -R scenario (s12) loss understated by 100, committed consistently
    RiskArraySet lowered = withRow(s.arrays(), 1, r -> withPnl(r, 12, r.pnl()[12] + 100));
    assertThat(riskFindings(s, lowered))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.where()).isEqualTo("market row 1 (market 1)");
              assertThat(f.problem()).contains("differs from its recomputation");
            });
    // the perpetual's row too
    RiskArraySet perp = withRow(s.arrays(), 0, r -> withPnl(r, 0, r.pnl()[0] - 1));
    assertThat(riskFindings(s, perp))
        .singleElement()
        .satisfies(f -> assertThat(f.where()).isEqualTo("market row 0 (market 0)"));
    // a lower short minimum
    RiskArraySet minimum =
        withRow(
            s.arrays(),
            1,
            r -> new InstrumentRisk(r.instrument(), r.mark(), r.shortMinimum() - 1, r.pnl()));
    assertThat(riskFindings(s, minimum)).singleElement().asString().contains("market row 1");
  }

  @Test
  void aCommitmentOtherThanTheArraysIsReported() {
    Sealed s = batches.get(0);
    Fr honest = RiskCommitment.of(s.arrays(), MARKET_ROWS);
    assertThat(riskFindings(s, s.arrays(), Fr.of(honest.toBigInteger().add(BigInteger.ONE))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.where()).isEqualTo("the batch");
              assertThat(f.problem()).startsWith("risk commitment");
            });
    // the honest arrays under the commitment of an understated row
    RiskArraySet lowered = withRow(s.arrays(), 1, r -> withPnl(r, 12, r.pnl()[12] + 100));
    assertThat(riskFindings(s, s.arrays(), RiskCommitment.of(lowered, MARKET_ROWS)))
        .singleElement()
        .asString()
        .contains("risk commitment");
  }

  @Test
  void arraysOfOtherInputsThanTheBatchsAreReported() {
    Sealed s = batches.get(0);
    RiskArraySet arrays = s.arrays();
    RiskInstrument.Option option = (RiskInstrument.Option) arrays.instruments().get(1).instrument();
    // a calmer volatility: every row consistent with it, the commitment too
    RiskArraySet calmer =
        new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
            .compute(
                arrays.time(),
                arrays.underlyings(),
                List.of(new RiskInstrument.Option(1, option.spec(), 300_000)));
    assertThat(riskFindings(s, calmer))
        .singleElement()
        .asString()
        .contains("market row 1")
        .contains("volatility 300000 ppm, published 500000");
    // a lower underlying mark
    long mark = arrays.underlyings().get(0).mark();
    RiskArraySet lower =
        new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
            .compute(
                arrays.time(),
                List.of(
                    new UnderlyingRisk(
                        0, mark - 1_000, arrays.underlyings().get(0).priceRangePpm())),
                List.of(option));
    assertThat(riskFindings(s, lower))
        .extracting(Finding::toString)
        .anySatisfy(f -> assertThat(f).startsWith("market row 0").contains("underlying mark"));
    // another time (a day earlier: the option further from expiry)
    RiskArraySet earlier =
        new RiskArrayCalculator(ScenarioGrid.V1, OptionMarks.TIME)
            .compute(arrays.time() - OptionBatchesTest.DAY, arrays.underlyings(), List.of(option));
    assertThat(riskFindings(s, earlier))
        .extracting(Finding::toString)
        .anySatisfy(f -> assertThat(f).startsWith("the batch: risk arrays at time"));
  }

  @Test
  void aMissingRiskRowIsReported() {
    Sealed s = batches.get(0);
    RiskArraySet perpOnly =
        new RiskArraySet(
            1,
            s.arrays().time(),
            s.arrays().underlyings(),
            List.of(s.arrays().instruments().get(0)));
    assertThat(riskFindings(s, perpOnly))
        .singleElement()
        .hasToString("market row 1 (market 1): no risk row");
  }

  @Test
  void aBatchOnL1IsVerifiedFromItsMarketElements() {
    for (Sealed s : batches) {
      BatchVerification v =
          BatchVerification.of(
              s.batch().number(),
              time(s.batch()),
              marketElements(s.batch()),
              listing,
              new PayoffMarkCheck(listing));
      assertThat(v.passed()).as("batch %d: %s", v.batchNumber(), v.findings()).isTrue();
      assertThat(v.optionMarks()).isEqualTo(1);
    }
    Sealed s = batches.get(1);
    List<BigInteger> e = new ArrayList<>(marketElements(s.batch()));
    e.set(1, e.get(1).subtract(BigInteger.TEN.shiftLeft(80))); // the call one tick cheaper
    assertThat(
            BatchVerification.of(2, time(s.batch()), e, listing, new PayoffMarkCheck(listing))
                .findings())
        .singleElement()
        .asString()
        .startsWith("market row 1 (market 1): published mark 1830, Black-76 gives 1840");
    // another batch time: the call one day closer to expiry than the mark was computed for
    assertThat(
            BatchVerification.of(
                    2,
                    time(s.batch()) + OptionBatchesTest.DAY,
                    marketElements(s.batch()),
                    listing,
                    new PayoffMarkCheck(listing))
                .passed())
        .isFalse();
    e.set(1, e.get(1).setBit(11)); // no row sets bit 11
    assertThat(
            BatchVerification.of(2, time(s.batch()), e, listing, new PayoffMarkCheck(listing))
                .findings())
        .singleElement()
        .asString()
        .startsWith("the batch: market row 1 is not a market element");
  }

  /** The batch's rows with market row {@code row}'s element changed. */
  static List<PublishedMarket> rowsWith(BuiltBatch b, int row, UnaryOperator<BigInteger> change) {
    List<BigInteger> e = new ArrayList<>(marketElements(b));
    e.set(row, change.apply(e.get(row)));
    return PublishedMarket.decodeAll(e);
  }

  List<Finding> publishedFindings(Sealed s, List<PublishedMarket> rows, Fr committed) {
    return new RiskArrayCheck(listing)
        .checkPublished(time(s.batch()), rows, committed, MARKET_ROWS);
  }

  static BigInteger range(long ppm) {
    return BigInteger.valueOf(ppm).shiftLeft(MarketElement.RANGE);
  }

  @Test
  void theArraysAreRecomputedFromThePublicDataAlone() {
    for (Sealed s : batches) {
      List<PublishedMarket> rows = rows(s.batch(), e -> e);
      long range = s.arrays().underlyings().get(0).priceRangePpm();
      assertThat(rows.get(0).rangePpm())
          .as("the perpetual row publishes its range")
          .isEqualTo(range);
      assertThat(rows.get(1).rangePpm()).as("the call's row publishes none").isZero();
      assertThat(RiskCommitment.of(s.arrays(), MARKET_ROWS))
          .as("batch %d commits the sequencer's arrays", s.batch().number())
          .isEqualTo(committed(s.batch()));
      List<Finding> found = new ArrayList<>();
      assertThat(new RiskArrayCheck(listing).recompute(time(s.batch()), rows, found))
          .contains(s.arrays());
      assertThat(found).isEmpty();
      assertThat(publishedFindings(s, rows, committed(s.batch()))).isEmpty();
    }
  }

  @Test
  void aTamperedRangeIsReportedNamingItsRow() {
    Sealed s = batches.get(0);
    long range = s.arrays().underlyings().get(0).priceRangePpm();
    // published one ppm wider than the arrays' (the circuit holds the lane to the committed row)
    List<PublishedMarket> wider = rowsWith(s.batch(), 0, e -> e.add(range(1)));
    assertThat(
            new RiskArrayCheck(listing)
                .check(time(s.batch()), wider, s.arrays(), committed(s.batch()), MARKET_ROWS))
        .singleElement()
        .hasToString(
            "market row 0 (market 0): risk arrays at range "
                + range
                + " ppm, published "
                + (range + 1));
    // from L1 alone, the arrays recomputed at that range do not give the commitment
    assertThat(publishedFindings(s, wider, committed(s.batch())))
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).startsWith("the batch: risk commitment"));
    // no range, or one beyond 50%: not a risk input
    for (long bad : new long[] {0, 500_001}) {
      List<PublishedMarket> rows =
          rowsWith(s.batch(), 0, e -> e.subtract(range(range)).add(range(bad)));
      assertThat(publishedFindings(s, rows, committed(s.batch())))
          .singleElement()
          .hasToString(
              "market row 0 (market 0): published range "
                  + bad
                  + " ppm at mark 50000: not a risk input (a range in (0, 500000] ppm, a mark"
                  + " above 0)");
    }
    // a range on the call's row: its underlying's row carries it
    assertThat(
            publishedFindings(
                s, rowsWith(s.batch(), 1, e -> e.add(range(1))), committed(s.batch())))
        .singleElement()
        .hasToString(
            "market row 1 (market 1): an option row publishing a range of 1 ppm (its underlying's"
                + " row carries it)");
  }

  @Test
  void aCommitmentOfTamperedArraysIsReportedFromThePublicDataAlone() {
    Sealed s = batches.get(0);
    List<PublishedMarket> rows = rows(s.batch(), e -> e);
    // the call's -R scenario understated by 100 and committed: the recomputation gives another
    RiskArraySet lowered = withRow(s.arrays(), 1, r -> withPnl(r, 12, r.pnl()[12] + 100));
    Fr forged = RiskCommitment.of(lowered, MARKET_ROWS);
    assertThat(publishedFindings(s, rows, forged))
        .singleElement()
        .hasToString(
            "the batch: risk commitment "
                + forged.toBigInteger()
                + " in the public data, the arrays recomputed from its marks, volatilities and"
                + " ranges give "
                + committed(s.batch()).toBigInteger());
    // given those arrays beside the batch, the row is named
    assertThat(
            new RiskArrayCheck(listing).check(time(s.batch()), rows, lowered, forged, MARKET_ROWS))
        .singleElement()
        .satisfies(f -> assertThat(f.where()).isEqualTo("market row 1 (market 1)"));
  }

  @Test
  void aPortfolioBatchOnL1IsVerifiedWithItsRiskCommitment() {
    for (Sealed s : batches) {
      BatchVerification v =
          BatchVerification.of(
              s.batch().number(),
              time(s.batch()),
              marketElements(s.batch()),
              Optional.of(committed(s.batch()).toBigInteger()),
              listing,
              new PayoffMarkCheck(listing));
      assertThat(v.passed()).as("batch %d: %s", v.batchNumber(), v.findings()).isTrue();
      assertThat(v.riskRows()).isEqualTo(2);
    }
    Sealed s = batches.get(1);
    BatchVerification tampered =
        BatchVerification.of(
            2,
            time(s.batch()),
            marketElements(s.batch()),
            Optional.of(committed(s.batch()).toBigInteger().add(BigInteger.ONE)),
            listing,
            new PayoffMarkCheck(listing));
    assertThat(tampered.riskRows()).isZero();
    assertThat(tampered.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.toString()).startsWith("the batch: risk commitment"));
  }

  @Test
  void aMarketOfAnotherListingIsReported() {
    Sealed s = batches.get(0);
    MarketListing perpetualsOnly = MarketListing.inOrder(List.of(Optional.empty()));
    assertThat(
            BatchVerification.of(
                    1,
                    time(s.batch()),
                    marketElements(s.batch()),
                    perpetualsOnly,
                    new PayoffMarkCheck(perpetualsOnly))
                .findings())
        .singleElement()
        .hasToString("market row 1 (market 1): not a market the genesis lists");
  }

  static RiskArraySet withRow(RiskArraySet set, int i, UnaryOperator<InstrumentRisk> change) {
    List<InstrumentRisk> rows = new ArrayList<>(set.instruments());
    rows.set(i, change.apply(rows.get(i)));
    return new RiskArraySet(set.gridVersion(), set.time(), set.underlyings(), rows);
  }

  static InstrumentRisk withPnl(InstrumentRisk r, int scenario, long value) {
    long[] pnl = r.pnl();
    pnl[scenario] = value;
    return new InstrumentRisk(r.instrument(), r.mark(), r.shortMinimum(), pnl);
  }
}
