package dev.sable.batch;

import static dev.sable.batch.LiquidationRulesTest.first;
import static dev.sable.batch.LiquidationRulesTest.refused;
import static dev.sable.batch.LiquidationRulesTest.withCloses;
import static dev.sable.batch.LiquidationRulesTest.withFills;
import static dev.sable.batch.LiquidationRulesTest.withTakeovers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.batch.sample.SampleWorld;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The option rules of liquidation steps, attacked at the builder: each test takes an honest batch
 * of optliq.txt (the state before it replayed from the file), changes it to break one rule with the
 * other amounts consistent (Go's settlement/option_liquidation_test.go works them out), and shows
 * that the builder refuses it naming that rule and that the state did not move.
 */
class OptionLiquidationRulesTest {
  static final long PUT = 21;
  static final long ALICE = 5;
  static final long DAN = 14;
  static final long EXPIRY = 1_000_000;

  /** Signs the forgeries' new orders with the keys Go's batchgen uses. */
  static final SampleWorld KEYS = new SampleWorld(Capacities.OPTIONS, 3, PUT);

  /** The option liquidation scenario before its batch number n (3: carol's, 4: dan's). */
  static Paused before(long n) throws IOException {
    return VectorReplay.pausedAt("optliq.txt", 1, n);
  }

  static Close danSells(long price) {
    return SampleWorld.close(KEYS.order(DAN, PUT, 1, 1, price, 200), 200, price);
  }

  @Test
  void theHonestBatchesTheAttacksChangeAreAccepted() throws IOException {
    for (long n = 3; n <= 4; n++) {
      Paused p = before(n);
      assertThat(new BatchBuilder(p.caps()).build(p.state(), p.batch()).witness().steps())
          .isNotEmpty();
    }
  }

  /** Dan's offer at 22,060: above the put's mark 21,000 + floor(21,000 * 5%). */
  @Test
  void aCloseOutsideTheOptionsBandIsRefused() throws IOException {
    Paused p = before(3);
    Close c = danSells(22_060);
    refused(
        p,
        first(p.batch(), l -> withCloses(l, List.of(c), l.surplus() - 200 * 560 - 56)),
        Rule.CLOSE_BAND);
  }

  /** The close at 21,505, off the put's tick of 10. */
  @Test
  void aCloseOffTheOptionsTickIsRefused() throws IOException {
    Paused p = before(3);
    Close honest = p.batch().liquidations().get(0).closes().get(0);
    Close c =
        new Close(honest.maker(), honest.quantity(), 21_505, honest.makerFee(), honest.takerFee());
    refused(
        p, first(p.batch(), l -> withCloses(l, List.of(c), l.surplus() - 1_000)), Rule.TRADE_PRICE);
  }

  /** The fund taking carol's 300 puts over at 20,000, not the option's mark 21,000. */
  @Test
  void aTakeoverOffTheOptionsMarkIsRefused() throws IOException {
    Paused p = before(3);
    refused(
        p,
        first(
            p.batch(),
            l -> withTakeovers(l, List.of(new Takeover(PUT, 300, 20_000)), l.surplus() + 300_000)),
        Rule.TAKEOVER_PRICE);
  }

  /** Dan's puts deleveraged at 30,000, not the rule's 40,000 - ceil(2,134,885 / 200). */
  @Test
  void anAdlFillOffTheRulesPriceIsRefused() throws IOException {
    Paused p = before(4);
    refused(
        p,
        first(
            p.batch(),
            l -> withFills(l, 964_685, List.of(new AdlFill(ALICE, PUT, 200, 30_000)), 134_885)),
        Rule.ADL_PRICE);
  }

  /**
   * Batch 3 without the fund's unwind, then at the puts' expiry (the underlying stale, so the row
   * does not settle yet) the fund buys its 300 puts back from alice's offer: an expired option row
   * takes no fill.
   */
  @Test
  void anUnwindOnAnExpiredOptionRowIsRefused() throws IOException {
    Paused p = before(3);
    SettlementBatch noUnwind =
        ForgedBatch.of(p.batch()).sweep(p.batch().liquidations(), List.of()).build();
    p.state().commit(new BatchBuilder(p.caps()).build(p.state(), noUnwind).change());
    Close alice = SampleWorld.close(KEYS.order(ALICE, PUT, 3, 1, 21_600, 300), 300, 21_600);
    SettlementBatch atExpiry =
        ForgedBatch.emptied(noUnwind)
            .time(EXPIRY)
            .optionMarks(List.of(new OptionMark(20, 0, false, 0), new OptionMark(PUT, 0, false, 0)))
            .sweep(List.of(), List.of(alice))
            .build();
    refused(p, atExpiry, Rule.OPTION_EXPIRED);
  }
}
