package dev.sable.batch;

import static dev.sable.batch.LiquidationRulesTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.batch.sample.SampleWorld;
import dev.sable.crypto.OraclePriceMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed volatility records at the builder (the forgeries of Go's settlement/volatility_test.go):
 * the second batch of options.txt (BTC's source 2 signs a price, the call's and the put's source 0
 * sign a volatility of 500,000 ppm at 120, both marks committed with it), the state before it
 * replayed from the file, changed to break one rule; the builder refuses it naming that rule and
 * the state does not move.
 */
class OptionVolatilityRulesTest {
  static final long BTC = 3;
  static final long CALL = 20;
  static final long VOL = 500_000;

  /** Signs the forgeries with the oracle keys Go's batchgen uses. */
  static final SampleWorld KEYS = new SampleWorld(Capacities.OPTIONS, BTC);

  static Paused second() throws IOException {
    return VectorReplay.pausedAt("options.txt", 1, 2);
  }

  /** The batch with the call's volatility record replaced and its committed volatility set. */
  static SettlementBatch callRecord(SettlementBatch b, SignedPrice record, long committedVol) {
    List<SignedPrice> prices = new ArrayList<>();
    for (SignedPrice p : b.prices()) {
      prices.add(p.price().marketId() == CALL ? record : p);
    }
    return ForgedBatch.of(b).prices(prices).optionMarks(callVol(b, committedVol)).build();
  }

  static List<OptionMark> callVol(SettlementBatch b, long vol) {
    return b.optionMarks().stream()
        .map(m -> m.market() == CALL ? new OptionMark(m.market(), m.mark(), m.valid(), vol) : m)
        .toList();
  }

  @Test
  void theHonestBatchAndAnotherSignedVolatilityAreAccepted() throws IOException {
    Paused p = second();
    assertThat(new BatchBuilder(p.caps()).build(p.state(), p.batch()).witness().oracles())
        .hasSize(3);
    p = second();
    BuiltBatch other =
        new BatchBuilder(p.caps())
            .build(
                p.state(), callRecord(p.batch(), KEYS.volatility(CALL, 0, 700_000, 120), 700_000));
    assertThat(other.witness().oracles()).hasSize(3);
  }

  @Test
  void aCommittedVolatilityOtherThanTheRecordsIsRefused() throws IOException {
    Paused p = second();
    refused(
        p,
        ForgedBatch.of(p.batch()).optionMarks(callVol(p.batch(), 600_000)).build(),
        Rule.OPTION_VOLATILITY);
  }

  @Test
  void aPriceMessageReplayedAsAVolatilityIsRefused() throws IOException {
    Paused p = second();
    refused(p, callRecord(p.batch(), KEYS.price(CALL, 0, VOL, 120), VOL), Rule.ORACLE_SIGNATURE);
  }

  @Test
  void aVolatilitySignedByAnotherSourcesKeyIsRefused() throws IOException {
    Paused p = second();
    SignedPrice bySourceOne = KEYS.volatility(CALL, 1, VOL, 120);
    SignedPrice claimed =
        new SignedPrice(new OraclePriceMessage(CALL, 0, VOL, 120), bySourceOne.signature());
    refused(p, callRecord(p.batch(), claimed, VOL), Rule.ORACLE_SIGNATURE);
  }

  @Test
  void aVolatilityFromTheFutureIsRefused() throws IOException {
    Paused p = second();
    refused(p, callRecord(p.batch(), KEYS.volatility(CALL, 0, VOL, 131), VOL), Rule.ORACLE_TIME);
  }

  @Test
  void aVolatilityOutsideTheOraclesRangeIsRefused() throws IOException {
    for (long vol : new long[] {999, 10_000_001}) {
      Paused p = second();
      refused(
          p,
          callRecord(p.batch(), KEYS.volatility(CALL, 0, vol, 120), vol),
          Rule.ORACLE_VOLATILITY);
    }
  }

  @Test
  void aVolatilityRecordIntoAPerpetualRowIsRefused() throws IOException {
    Paused p = second();
    List<SignedPrice> prices = new ArrayList<>();
    for (SignedPrice s : p.batch().prices()) {
      prices.add(s.price().marketId() == BTC ? KEYS.volatility(BTC, 2, 50_050, 125) : s);
    }
    refused(p, ForgedBatch.of(p.batch()).prices(prices).build(), Rule.ORACLE_SIGNATURE);
  }

  /** The third batch: the call's source 0 signs again at 120, not after its last record. */
  @Test
  void aVolatilityNotNewerThanTheSourcesLastIsRefused() throws IOException {
    Paused p = VectorReplay.pausedAt("options.txt", 1, 3);
    SettlementBatch b = p.batch();
    List<SignedPrice> prices = new ArrayList<>(b.prices());
    prices.add(KEYS.volatility(CALL, 0, 600_000, 120));
    refused(
        p,
        ForgedBatch.of(b).prices(prices).optionMarks(callVol(b, 600_000)).build(),
        Rule.ORACLE_TIME);
  }
}
