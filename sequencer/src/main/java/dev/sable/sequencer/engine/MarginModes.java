package dev.sable.sequencer.engine;

import dev.sable.sequencer.command.Command.SetMarginMode;
import dev.sable.sequencer.core.Account;
import dev.sable.sequencer.core.ExchangeState;
import dev.sable.sequencer.core.Ledger;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.event.RejectReason;
import dev.sable.sequencer.margin.Margin;

/**
 * Switches accounts between cross and portfolio margin (docs/options.md "Portfolio margin mode"):
 * only without open orders (their worst case is computed differently in each mode), and only when
 * equity covers the new mode's initial requirement, so a switch never leaves an account
 * under-margined. Its request id must be a client order id the account could still use (it takes
 * the id's fill slot, so no order and no other switch uses that id after it). A switch to the mode
 * the account is in, with a usable id, is accepted and changes nothing (its id stays unused).
 */
final class MarginModes {
  private final ExchangeState state;
  private final EventSink events;
  private final Margin margin;
  private final Ledger ledger;

  MarginModes(ExchangeState state, EventSink events, Margin margin, Ledger ledger) {
    this.state = state;
    this.events = events;
    this.margin = margin;
    this.ledger = ledger;
  }

  void set(SetMarginMode c) {
    Account a = state.account(c.account()); // null for an id out of range or never created
    RejectReason reason;
    if (a == null) {
      reason = RejectReason.UNKNOWN_ACCOUNT;
    } else if (a.id() == Account.INSURANCE_FUND) {
      reason = RejectReason.FUND_ACCOUNT;
    } else {
      reason = a.clientOrderIdRefusal(c.requestId());
      if (reason == null && a.portfolioMargin() == c.portfolio()) {
        return;
      }
      if (reason == null) {
        reason = switchRefusal(a, c.portfolio());
      }
    }
    if (reason != null) {
      events.reject(reason);
      return;
    }
    ledger.setMarginMode(a, c.portfolio(), c.requestId());
  }

  /** Why the account may not switch to the other mode now, null if it may. */
  private RejectReason switchRefusal(Account a, boolean portfolio) {
    if (a.openOrderCount() > 0) {
      return RejectReason.OPEN_ORDERS;
    }
    long requirement =
        portfolio ? margin.portfolioInitialRequirement(a) : margin.crossInitialRequirement(a);
    return margin.covers(a, 0, requirement) ? null : RejectReason.INSUFFICIENT_MARGIN;
  }
}
