package dev.sable.batch.sequencer;

import static dev.sable.batch.sequencer.OptionBatchesTest.ALICE;
import static dev.sable.batch.sequencer.OptionBatchesTest.BOB;
import static dev.sable.batch.sequencer.OptionBatchesTest.DAY;
import static dev.sable.batch.sequencer.OptionBatchesTest.withExpiries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Expiry;
import dev.sable.batch.ForgedBatch;
import dev.sable.batch.OptionMark;
import dev.sable.batch.Rule;
import dev.sable.batch.SettlementBatch;
import dev.sable.batch.SettlementRuleException;
import dev.sable.batch.Trade;
import dev.sable.crypto.OrderMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder's expiry rules attacked (docs/settlement.md, "Option expiry"): from the state just
 * before the expiry batch of {@link OptionBatchesTest#throughTheExpiry} (alice short 1,000 calls,
 * bob long, the underlying at 52,000), batches that break one rule each are refused by it.
 */
class ExpiryRulesTest {
  private final SequencedWorld w = OptionBatchesTest.throughTheExpiry();
  private final SettlementBatch honest = w.sealed.removeLast().batch();

  ExpiryRulesTest() {
    w.buildAll();
  }

  private void refused(SettlementBatch b, Rule rule) {
    assertThatThrownBy(() -> w.world.build(b))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(rule)).as(e.getMessage()).isTrue());
  }

  @Test
  void theHonestExpiryBatchBuilds() {
    assertThat(w.world.build(honest).witness().expiries()).hasSize(2);
  }

  @Test
  void anExpiryStepBeforeTheExpiryIsRefused() {
    refused(withExpiries(honest, 10 * DAY - 5, honest.expiries()), Rule.EXPIRY_EARLY);
  }

  @Test
  void anExpiryLeavingALoadedHolderOpenIsRefused() {
    // bob is loaded (he withdraws) but his calls are not settled
    SettlementBatch b =
        ForgedBatch.emptied(honest)
            .withdrawals(List.of(w.world.withdrawWithNonce(BOB, 1, 0)))
            .optionMarks(honest.optionMarks())
            .expiries(List.of(new Expiry(ALICE, 1, 2_000)))
            .build();
    refused(b, Rule.EXPIRY_OPEN);
  }

  @Test
  void aValidMarkForAnExpiredOptionIsRefused() {
    SettlementBatch b =
        ForgedBatch.emptied(honest)
            .optionMarks(List.of(new OptionMark(1, 2_000, true, 500_000)))
            .expiries(honest.expiries())
            .build();
    refused(b, Rule.OPTION_EXPIRED);
  }

  @Test
  void aFillOnTheExpiredOptionIsRefused() {
    // alice buys back 100 of her calls from bob at the expiry: a pure reduction for both
    Trade t =
        new Trade(
            w.world.sign(new OrderMessage(ALICE, 1, 2, 0, 0, 2_000, 100, 0, 0, 0)),
            w.world.sign(new OrderMessage(BOB, 1, 2, 1, 0, 2_000, 100, 0, 0, 0)),
            100,
            2_000,
            0,
            0);
    SettlementBatch b =
        ForgedBatch.emptied(honest)
            .trades(List.of(t))
            .optionMarks(honest.optionMarks())
            .expiries(honest.expiries())
            .build();
    refused(b, Rule.OPTION_EXPIRED);
  }

  @Test
  void anExpiryStepWithoutAPositionIsRefused() {
    refused(
        withExpiries(honest, honest.time(), List.of(new Expiry(ALICE, 0, 2_000))),
        Rule.EXPIRY_POSITION);
  }
}
