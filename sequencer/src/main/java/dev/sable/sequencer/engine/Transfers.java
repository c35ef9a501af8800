package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command.Deposit;
import dev.sable.sequencer.command.Command.ForcedWithdrawal;
import dev.sable.sequencer.command.Command.Withdraw;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Ledger;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Exposure;
import dev.sable.sequencer.margin.Margin;

/** Deposits and withdrawals: their limits, and the margin check of a withdrawal. */
final class Transfers {
  private final ExchangeState state;
  private final EventSink events;
  private final Margin margin;
  private final Ledger ledger;

  Transfers(ExchangeState state, EventSink events, Margin margin, Ledger ledger) {
    this.state = state;
    this.events = events;
    this.margin = margin;
    this.ledger = ledger;
  }

  /**
   * A deposit from L1's queue. A refused one (its {@code Rejected} event) is refunded on L1, so
   * every reason here is one the settlement circuit lets the operator refund: a bad account id, a
   * key other than the account's, no valid key for a new account, the amount and the limits.
   */
  void deposit(Deposit c) {
    if (c.account() < 0 || c.account() >= ExchangeState.MAX_ACCOUNTS) {
      events.reject(RejectReason.BAD_ACCOUNT_ID);
      return;
    }
    Account a = state.account(c.account());
    RejectReason reason = c.amount() <= 0 ? RejectReason.NON_POSITIVE_AMOUNT : null;
    if (reason == null && a != null && !a.key().equals(c.key())) {
      reason = RejectReason.KEY_MISMATCH;
    } else if (reason == null && a == null && !c.key().isValidKey()) {
      reason = RejectReason.INVALID_KEY;
    }
    if (reason == null) {
      reason = depositLimit(a == null ? 0 : a.collateral(), c.amount());
    }
    if (reason == null && a != null && !Exposure.allows(a, state, c.amount())) {
      reason = RejectReason.COLLATERAL_LIMIT_EXCEEDED;
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    ledger.deposit(c.account(), c.amount(), c.key());
  }

  /**
   * The deposit bounds of a positive amount, checked before the account is created. {@code amount
   * <= MAX_COLLATERAL} is tested first so that neither {@code MAX - amount} can overflow.
   */
  private RejectReason depositLimit(long collateral, long amount) {
    if (amount > ExchangeState.MAX_COLLATERAL
        || collateral > ExchangeState.MAX_COLLATERAL - amount) {
      return RejectReason.COLLATERAL_LIMIT_EXCEEDED;
    }
    if (state.netDeposits() > ExchangeState.MAX_NET_DEPOSITS - amount) {
      return RejectReason.EXCHANGE_DEPOSIT_LIMIT_EXCEEDED;
    }
    return null;
  }

  /**
   * A withdrawal signed for the account's nonce may take collateral (after funding) that equity
   * above initial margin covers.
   */
  void withdraw(Withdraw c) {
    Account a = state.account(c.account());
    RejectReason reason = null;
    if (a == null) {
      reason = RejectReason.UNKNOWN_ACCOUNT;
    } else if (a.id() == Account.INSURANCE_FUND) {
      reason = RejectReason.FUND_ACCOUNT;
    } else if (c.amount() <= 0) {
      reason = RejectReason.NON_POSITIVE_AMOUNT;
    } else if (c.nonce() != a.nonce()) {
      reason = RejectReason.WRONG_NONCE;
    } else if (margin.settledCollateral(a) < c.amount()) {
      reason = RejectReason.INSUFFICIENT_COLLATERAL;
    } else if (!margin.covers(a, -c.amount(), margin.initialRequirement(a))) {
      reason = RejectReason.INSUFFICIENT_MARGIN;
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    ledger.settleAllFunding(a);
    ledger.withdraw(a, c.amount());
  }

  /**
   * A forced withdrawal request, served as the settlement circuit serves it (so the sequencer's
   * account equals the proof's): a request of an existing, keyed account, signed by its key, naming
   * its nonce, is paid what equity above the positions' initial margin and collateral (after
   * funding) allow, at most its maximum and possibly 0, and moves the nonce on; any other is
   * refused (paid 0).
   */
  void forcedWithdraw(ForcedWithdrawal c) {
    Account a = state.account(c.account()); // null for an id out of range or never created
    RejectReason reason = null;
    if (a == null) {
      reason = RejectReason.UNKNOWN_ACCOUNT;
    } else if (a.id() == Account.INSURANCE_FUND) {
      reason = RejectReason.FUND_ACCOUNT;
    } else if (!c.signed()) {
      reason = RejectReason.UNSIGNED_REQUEST;
    } else if (c.nonce() != a.nonce()) {
      reason = RejectReason.WRONG_NONCE;
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    ledger.settleAllFunding(a);
    // the circuit's requirement is on positions only (open orders are not in the state root)
    long free = margin.free(a, margin.positionRequirement(a));
    long paid = Math.max(0, Math.min(c.maxAmount(), Math.min(a.collateral(), free)));
    ledger.withdraw(a, paid);
  }
}
