package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.BuiltBatch;
import dev.sable.batch.Capacities;
import dev.sable.batch.verify.BatchVerification;
import dev.sable.batch.verify.Finding;
import dev.sable.batch.verify.MarketListing;
import dev.sable.batch.verify.PayoffMarkCheck;
import dev.sable.batch.verify.PublishedMarket;
import dev.sable.state.settlement.MarketLeafV2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code sable verify} checks of a settling option row ({@link PayoffMarkCheck}), on the
 * batches the Java builder makes from OptionBatchesTest's stream through the call's expiry (alice
 * writes 1,000 calls struck at 50,000 to bob; the underlying at 52,000 at the expiry): the honest
 * batches pass, and a payoff mark other than the rule's is reported naming its row.
 */
class PayoffVerificationTest {
  static final int CALL_ROW = 1; // row 0: market 0, row 1: the call

  final List<BuiltBatch> built = new ArrayList<>();
  MarketListing listing;

  @BeforeEach
  void batchesThroughTheExpiry() {
    SequencedWorld w = OptionBatchesTest.throughTheExpiry();
    List<MarketLeafV2> genesis = new ArrayList<>();
    for (long id : w.world.state().marketIds()) {
      genesis.add(w.world.state().market(id).orElseThrow());
    }
    listing = MarketListing.ofGenesis(genesis);
    built.addAll(w.buildAll());
  }

  static List<BigInteger> elements(BuiltBatch b) {
    return ArrayVerificationTest.marketElements(b, Capacities.OPTION_EXPIRIES);
  }

  /** Every batch verified in order by one check; the last one's elements are {@code last}. */
  List<BatchVerification> verifyAll(List<BigInteger> last) {
    PayoffMarkCheck payoffs = new PayoffMarkCheck(listing);
    List<BatchVerification> out = new ArrayList<>();
    for (int i = 0; i < built.size(); i++) {
      BuiltBatch b = built.get(i);
      List<BigInteger> e = i == built.size() - 1 ? last : elements(b);
      out.add(BatchVerification.of(b.number(), ArrayVerificationTest.time(b), e, listing, payoffs));
    }
    return out;
  }

  BuiltBatch expiry() {
    return built.getLast();
  }

  static List<BigInteger> withCallMark(List<BigInteger> elements, long delta) {
    List<BigInteger> e = new ArrayList<>(elements);
    e.set(CALL_ROW, e.get(CALL_ROW).add(BigInteger.valueOf(delta).shiftLeft(80)));
    return e;
  }

  @Test
  void theHonestExpiryBatchPasses() {
    PublishedMarket call = PublishedMarket.decodeAll(elements(expiry())).get(CALL_ROW);
    assertThat(ArrayVerificationTest.time(expiry())).isEqualTo(10 * OptionBatchesTest.DAY);
    assertThat(call.option()).isTrue();
    assertThat(call.markValid()).as("an expired row has no valid committed mark").isFalse();
    assertThat(call.mark()).as("(52,000 - 50,000) x 1").isEqualTo(2_000);
    for (BatchVerification v : verifyAll(elements(expiry()))) {
      assertThat(v.findings()).as("batch %d", v.batchNumber()).isEmpty();
    }
  }

  @Test
  void aPayoffMarkOneUnitOffIsReportedNamingItsRow() {
    for (long delta : new long[] {1, -1}) {
      List<Finding> found = verifyAll(withCallMark(elements(expiry()), delta)).getLast().findings();
      assertThat(found)
          .singleElement()
          .hasToString(
              "market row 1 (market 1): settling at S = 52000: published mark "
                  + (2_000 + delta)
                  + ", the payoff per unit is 2000 (strike 50000, contract size 1, expiry "
                  + 10 * OptionBatchesTest.DAY
                  + ")");
    }
  }

  /**
   * A later batch with the settled call's row and the underlying at another mark: the call's mark
   * stays the payoff at the stored S (52,000); the payoff at the new mark is reported.
   */
  @Test
  void aLaterBatchIsCheckedAtTheStoredSettlementPrice() {
    PayoffMarkCheck payoffs = new PayoffMarkCheck(listing);
    for (BuiltBatch b : built) {
      assertThat(
              payoffs.check(ArrayVerificationTest.time(b), PublishedMarket.decodeAll(elements(b))))
          .isEmpty();
    }
    List<BigInteger> later = new ArrayList<>(elements(expiry()));
    later.set(0, later.get(0).add(BigInteger.valueOf(1_000).shiftLeft(80))); // underlying 53,000
    long laterTime = ArrayVerificationTest.time(expiry()) + 1_000;
    assertThat(payoffs.check(laterTime, PublishedMarket.decodeAll(later))).isEmpty();
    assertThat(payoffs.check(laterTime, PublishedMarket.decodeAll(withCallMark(later, 1_000))))
        .singleElement()
        .asString()
        .startsWith(
            "market row 1 (market 1): settling at S = 52000: published mark 3000, the payoff per"
                + " unit is 2000");
  }
}
