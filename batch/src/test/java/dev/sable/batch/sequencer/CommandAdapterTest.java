package dev.sable.batch.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.SignedOrder;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.OptionKind;
import dev.sable.sequencer.market.OptionTerms;
import dev.sable.state.settlement.KeyPoint;
import org.junit.jupiter.api.Test;

/**
 * The adapter refuses what no batch can prove, clearly and for good: liquidation events outside a
 * sweep, markets listed after genesis, evidence that does not match its command, deposits out of
 * queue order.
 */
class CommandAdapterTest {
  static final long ALICE = SettlementBatcherTest.ALICE;
  static final long BOB = SettlementBatcherTest.BOB;

  /** Only a sweep liquidates: a liquidation event from another command is a sequencer bug. */
  @Test
  void aLiquidationEventOutsideASweepIsRefusedAndSoIsEveryCommandAfterIt() {
    SequencedWorld w = SettlementBatcherTest.funded(5_100_000);
    assertThatThrownBy(
            () ->
                w.batcher.accept(
                    1_000,
                    new Command.TimeTick(101),
                    Evidence.NONE,
                    java.util.List.of(new dev.sable.sequencer.event.Event.Liquidated(5, -1, 0))))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("only a liquidation sweep can prove");
    assertThatThrownBy(() -> w.time(102))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("batching stopped at an earlier command");
  }

  @Test
  void aSweepThatLiquidatesNobodyIsFine() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    assertThat(w.apply(new Command.LiquidationSweep(), Evidence.NONE)).isEmpty();
    w.time(101);
  }

  @Test
  void aMarketListedAfterGenesisIsRefused() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    MarketSpec third = SequencedWorld.spec(2, dev.sable.batch.sample.SampleWorld.defaultParams());
    assertThatThrownBy(() -> w.apply(new Command.ListMarket(third), Evidence.NONE))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("markets are listed at genesis only");
  }

  /** The circuit has no option markets yet: no batch can list one, so none can trade one. */
  @Test
  void anOptionMarketIsRefused() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    MarketSpec perp = SequencedWorld.spec(2, dev.sable.batch.sample.SampleWorld.defaultParams());
    long tick = perp.tickSize();
    MarketSpec option =
        new MarketSpec(
            "M0-CALL",
            tick,
            perp.lotSize(),
            perp.initialMarginPpm(),
            perp.maintenanceMarginPpm(),
            perp.makerFeePpm(),
            perp.takerFeePpm(),
            perp.maxPosition(),
            perp.maxPrice() - perp.maxPrice() % tick + tick, // a multiple of the tick, >= F
            perp.oracleSources(),
            perp.oracleStaleness(),
            perp.fundingInterval(),
            perp.fundingClampPpm(),
            perp.impactQuantity());
    OptionTerms call = new OptionTerms(0, OptionKind.CALL, 50_000, w.now() + 86_400_000L, 1);
    assertThatThrownBy(() -> w.apply(new Command.ListOption(option, call), Evidence.NONE))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("markets are listed at genesis only");
  }

  /**
   * A circuit without switch slots cannot prove a switch: an accepted switch of an account the
   * settlement state holds in the other mode is refused with its reason (a refused one changes
   * nothing and batches as a no-op).
   */
  @Test
  void aMarginModeSwitchIsRefusedWithoutSwitchSlots() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    assertThat(w.apply(new Command.SetMarginMode(999, true, 1), Evidence.NONE))
        .containsExactly(new Event.Rejected(RejectReason.UNKNOWN_ACCOUNT));
    assertThatThrownBy(() -> w.switchMode(ALICE, true, 1))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("switched account " + ALICE + " to portfolio margin")
        .hasMessageContaining("no margin-mode switch slots (-s<S>)");
  }

  @Test
  void anOrderWhoseSignedMessageDiffersFromTheCommandIsRefused() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    SignedOrder cheaper = w.world.sign(new OrderMessage(ALICE, 0, 1, 0, 0, 49_000, 1_000, 0, 0, 0));
    Command.PlaceOrder placed =
        Command.PlaceOrder.limit((int) ALICE, 0, 1, Side.BUY, 50_000, 1_000);
    assertThatThrownBy(() -> w.apply(placed, new Evidence.OrderSignature(cheaper)))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("the evidence does not match the command");
  }

  @Test
  void anAmendSignedWithOtherTermsThanTheOldOrdersIsRefused() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    w.limit(ALICE, 0, 1, 0, 49_000, 1_000);
    // a reduce-only flag the old order did not have
    SignedOrder amended =
        w.world.sign(new OrderMessage(ALICE, 0, 1 + 1024, 0, 0, 49_500, 1_000, 1, 0, 0));
    assertThatThrownBy(
            () ->
                w.apply(
                    new Command.AmendOrder((int) ALICE, 1, 1 + 1024, 49_500, 1_000),
                    new Evidence.OrderSignature(amended)))
        .isInstanceOf(UnprovableCommandException.class);
  }

  @Test
  void aDepositOutOfQueueOrderIsRefused() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    KeyPoint key = KeyPoint.of(w.world.trader(ALICE).publicKey());
    Evidence.QueueRecord skipped = new Evidence.QueueRecord(7, Fr.ofLong(1), key, Fr.ZERO);
    assertThatThrownBy(
            () -> w.apply(new Command.Deposit((int) ALICE, 5, AccountKeys.of(key)), skipped))
        .isInstanceOf(UnprovableCommandException.class)
        .hasMessageContaining("deposits are consumed in queue order");
  }

  @Test
  void depositKeysMapToTheSequencersThreeKinds() {
    KeyPoint valid = KeyPoint.of(dev.sable.batch.sample.SampleWorld.key("x").publicKey());
    assertThat(AccountKeys.of(KeyPoint.NONE)).isEqualTo(AccountKey.NONE);
    assertThat(AccountKeys.of(new KeyPoint(Fr.ofLong(1), Fr.ofLong(2))))
        .isEqualTo(AccountKey.INVALID);
    assertThat(AccountKeys.of(valid).isValidKey()).isTrue();
    assertThat(AccountKeys.of(valid).toBytes())
        .isEqualTo(dev.sable.batch.sample.SampleWorld.key("x").publicKey().encode());
  }

  /** The node journals a trader's signed request beside the command: the batcher's evidence. */
  @Test
  void theEvidenceOfASignedRequestIsItsSignedMessage() {
    SequencedWorld w = SettlementBatcherTest.funded(100_000_000);
    OrderMessage order = new OrderMessage(ALICE, 0, 1, 0, 0, 49_000, 1_000, 0, 0, 0);
    SignedOrder signed = w.world.sign(order);
    OrderMessage amended = new OrderMessage(ALICE, 0, 1 + 1024, 0, 0, 49_500, 900, 0, 0, 0);
    SignedOrder signedAmend = w.world.sign(amended);
    dev.sable.batch.Withdrawal withdrawal = w.world.withdrawWithNonce(ALICE, 5, 0);
    assertThat(Evidence.of(new SignedRequest.Order(order, signed.signature())))
        .isEqualTo(new Evidence.OrderSignature(signed));
    assertThat(Evidence.of(new SignedRequest.Amend(amended, 1, signedAmend.signature())))
        .isEqualTo(new Evidence.OrderSignature(signedAmend));
    assertThat(
            Evidence.of(new SignedRequest.Withdrawal(withdrawal.message(), withdrawal.signature())))
        .isEqualTo(new Evidence.WithdrawalSignature(withdrawal));
    assertThat(
            Evidence.of(
                new SignedRequest.Cancel(
                    new dev.sable.crypto.CancelMessage(ALICE, 1), signed.signature())))
        .isEqualTo(Evidence.NONE);
    // and the batcher takes them with the commands they sign
    w.place(order);
    w.apply(
        new Command.AmendOrder((int) ALICE, 1, 1 + 1024, 49_500, 900),
        Evidence.of(new SignedRequest.Amend(amended, 1, signedAmend.signature())));
    assertThat(w.state().account((int) ALICE).orderId(1 + 1024)).isNotEqualTo(-1);
  }

  /** The sequencer's limits that the settlement layout shares are the same numbers. */
  @Test
  void theSequencersLimitsAreTheLayouts() {
    assertThat(dev.sable.sequencer.core.Account.MAX_ACTIVE_MARKETS)
        .isEqualTo(dev.sable.state.settlement.SettlementLayout.POSITION_SLOTS);
    assertThat(MarketSpec.MAX_ORACLE_SOURCES)
        .isEqualTo(dev.sable.state.settlement.SettlementLayout.ORACLE_SOURCES);
    assertThat(dev.sable.sequencer.core.Account.FILL_SLOTS)
        .isEqualTo(1 << dev.sable.state.StateLayout.FILL_DEPTH);
  }
}
