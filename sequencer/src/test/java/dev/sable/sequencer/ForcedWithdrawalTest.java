package dev.sable.sequencer;

import static dev.sable.sequencer.command.Side.BUY;
import static dev.sable.sequencer.command.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.RejectReason;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forced withdrawal requests served by the settlement circuit's pay rule. */
class ForcedWithdrawalTest {
  private TestExchange x;
  private int m;

  @BeforeEach
  void setUp() {
    x = new TestExchange();
    m = x.feelessMarket(1_000);
    x.deposit(7, 50_000);
    x.deposit(8, 50_000);
  }

  private List<Event> force(int account, long maxAmount, long nonce, boolean signed) {
    return x.apply(new Command.ForcedWithdrawal(account, maxAmount, nonce, signed));
  }

  @Test
  void aValidRequestIsPaidAtMostItsMaximum() {
    List<Event> events = force(7, 30_000, 0, true);
    assertThat(TestExchange.of(events, Event.Withdrawn.class))
        .containsExactly(new Event.Withdrawn(7, 30_000));
    assertThat(x.account(7).collateral()).isEqualTo(20_000);
    assertThat(x.account(7).nonce()).isEqualTo(1);
  }

  @Test
  void aValidRequestKeepsThePositionsInitialMarginAndIgnoresOpenOrders() {
    x.limit(8, m, 1, SELL, 1_000, 100);
    x.limit(7, m, 1, BUY, 1_000, 100); // long 100 at 1_000: initial requirement 10_000
    x.limit(7, m, 2, BUY, 900, 100); // an open order: not in the state root, not counted
    List<Event> events = force(7, 1_000_000, 0, true);
    assertThat(TestExchange.of(events, Event.Withdrawn.class))
        .containsExactly(new Event.Withdrawn(7, 40_000));
    assertThat(x.account(7).collateral()).isEqualTo(10_000);
  }

  @Test
  void aValidRequestOfAnAccountBelowTheRuleIsPaidZeroAndUsesItsNonce() {
    x.limit(8, m, 1, SELL, 1_000, 100);
    x.limit(7, m, 1, BUY, 1_000, 100);
    x.oracle(m, 550); // equity 5_000 against a requirement of 5_500
    List<Event> events = force(7, 10_000, 0, true);
    assertThat(TestExchange.of(events, Event.Withdrawn.class))
        .containsExactly(new Event.Withdrawn(7, 0));
    assertThat(x.account(7).collateral()).isEqualTo(50_000);
    assertThat(x.account(7).nonce()).isEqualTo(1);
  }

  @Test
  void invalidRequestsAreRefusedAndChangeNothing() {
    assertThat(TestExchange.reason(force(9, 1, 0, true))).isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
    assertThat(TestExchange.reason(force(1 << 23, 1, 0, true)))
        .isEqualTo(RejectReason.UNKNOWN_ACCOUNT);
    assertThat(TestExchange.reason(force(7, 1, 0, false))).isEqualTo(RejectReason.UNSIGNED_REQUEST);
    assertThat(TestExchange.reason(force(7, 1, 1, true))).isEqualTo(RejectReason.WRONG_NONCE);
    x.withdraw(7, 1_000);
    assertThat(TestExchange.reason(force(7, 1, 0, true))).isEqualTo(RejectReason.WRONG_NONCE);
    assertThat(x.account(7).collateral()).isEqualTo(49_000);
    assertThat(x.account(7).nonce()).isEqualTo(1);
  }
}
