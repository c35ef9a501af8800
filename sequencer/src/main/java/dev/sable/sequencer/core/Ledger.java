package dev.sable.sequencer.core;

import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.event.Event;
import dev.sable.sequencer.event.EventSink;
import dev.sable.sequencer.math.Fixed;

/**
 * The only place where collateral, positions and pools change. Each change is emitted as an event
 * carrying its integer amounts, and marks the account as changed.
 */
public final class Ledger {
  private final ExchangeState state;
  private final EventSink events;

  Ledger(ExchangeState state, EventSink events) {
    this.state = state;
    this.events = events;
  }

  /**
   * Credits a deposit, creating the account on its first one. Both sums are computed before either
   * is stored (and before the account is created), so a throw can not half-apply a deposit.
   */
  public void deposit(int accountId, long amount, AccountKey key) {
    Account existing = state.account(accountId);
    long collateral = Math.addExact(existing == null ? 0 : existing.collateral, amount);
    long net = Math.addExact(state.netDeposits, amount);
    Account a = existing != null ? existing : state.createAccount(accountId, key);
    a.collateral = collateral;
    paidUp(a);
    state.netDeposits = net;
    state.touch(a.id());
    events.accept(new Event.Deposited(a.id(), amount));
  }

  /**
   * Switches the account between cross and portfolio margin by the signed request {@code
   * requestId}, which takes its fill slot (the caller checked the rules and the id).
   */
  public void setMarginMode(Account a, boolean portfolio, long requestId) {
    a.portfolioMargin = portfolio;
    a.recordFill(requestId);
    events.accept(new Event.MarginModeChanged(a.id(), portfolio, requestId));
  }

  /** Pays out a withdrawal; the account's nonce moves to the next. */
  public void withdraw(Account a, long amount) {
    long collateral = Math.subtractExact(a.collateral, amount);
    long net = Math.subtractExact(state.netDeposits, amount);
    long nonce = Math.incrementExact(a.nonce);
    a.collateral = collateral;
    a.nonce = nonce;
    state.netDeposits = net;
    state.touch(a.id());
    events.accept(new Event.Withdrawn(a.id(), amount));
  }

  /** Settles accrued funding of one position into collateral via the funding pool. */
  public void settleFunding(Account a, Market m) {
    a.ensureMarket(m.id());
    if (a.get(m.id(), Account.FUNDING_INDEX) == m.fundingIndex) {
      return;
    }
    long paid = a.fundingOwed(m);
    long collateral = Math.subtractExact(a.collateral, paid);
    long pool = Math.addExact(state.fundingPool, paid);
    a.set(m.id(), Account.FUNDING_INDEX, m.fundingIndex);
    if (paid != 0) {
      a.collateral = collateral;
      state.fundingPool = pool;
      events.accept(new Event.FundingPaid(a.id(), m.id(), paid));
    }
    if (paid != 0 || (a.activeMarkets & 1L << m.id()) != 0) {
      state.touch(a.id()); // the hash reads an active market's index: recorded even if unpaid
    }
  }

  public void settleAllFunding(Account a) {
    for (long bits = a.activeMarkets; bits != 0; bits &= bits - 1) {
      settleFunding(a, state.market(Long.numberOfTrailingZeros(bits)));
    }
  }

  /**
   * Moves a signed quantity into an account's position at a price and realizes PnL on the closed
   * part. Opening adds price * quantity to the cost; closing k of |size| removes ceil(cost * k /
   * |size|) of the cost (all of it when closing everything), and realizes the signed proceeds minus
   * the removed cost. Funding must be settled first. Every new value is computed before any is
   * stored, so an overflow can not half-apply a fill.
   *
   * <p>On an option market the price is a premium paid in collateral instead: see {@link
   * #applyPremium}.
   *
   * @return the realized PnL, already added to collateral
   */
  long applyFill(Account a, int market, long signedQuantity, long price) {
    if (state.market(market).isOption()) {
      return applyPremium(a, market, signedQuantity, price);
    }
    long size = a.get(market, Account.SIZE);
    long cost = a.get(market, Account.COST);
    long realized = 0;
    if (size == 0 || (size > 0) == (signedQuantity > 0)) {
      size = Math.addExact(size, signedQuantity);
      cost = Math.addExact(cost, Math.multiplyExact(signedQuantity, price));
    } else {
      long absSize = Math.abs(size);
      long closed = Math.min(Math.abs(signedQuantity), absSize);
      long removed = closed == absSize ? cost : Fixed.mulDivCeil(cost, closed, absSize);
      long proceeds = Math.multiplyExact(Long.signum(size) * closed, price);
      realized = Math.subtractExact(proceeds, removed);
      long opened = signedQuantity + Long.signum(size) * closed;
      size = Math.addExact(size, signedQuantity);
      cost = Math.addExact(Math.subtractExact(cost, removed), Math.multiplyExact(opened, price));
    }
    long collateral = Math.addExact(a.collateral, realized);
    a.set(market, Account.SIZE, size);
    a.set(market, Account.COST, cost);
    a.collateral = collateral;
    a.refreshActive(market);
    state.touch(a.id());
    return realized;
  }

  /**
   * An option fill (or an expiry, takeover or deleveraging at a price): the buyer pays {@code
   * price} per unit in collateral, the seller receives it, and the position moves by the quantity.
   * An option position carries no cost, so its value is {@code size * mark} and the cash flow is
   * what the fill "realizes": {@code -signedQuantity * price}, returned and added to collateral. A
   * settlement at the payoff is the same step, closing the position.
   */
  private long applyPremium(Account a, int market, long signedQuantity, long price) {
    long size = Math.addExact(a.get(market, Account.SIZE), signedQuantity);
    long cashFlow = Math.negateExact(Math.multiplyExact(signedQuantity, price));
    long collateral = Math.addExact(a.collateral, cashFlow);
    a.set(market, Account.SIZE, size);
    a.collateral = collateral;
    a.refreshActive(market);
    state.touch(a.id());
    return cashFlow;
  }

  private void chargeFee(Account a, long fee) {
    long collateral = Math.subtractExact(a.collateral, fee);
    state.feePool = Math.addExact(state.feePool, fee);
    a.collateral = collateral;
  }

  /**
   * A match between an incoming order and a resting one, at the resting order's price, with the
   * fill's fees ({@code m.spec().takerFee} and {@code makerFee} of {@code price * quantity}: the
   * matcher computes them once for its margin checks and the trade).
   */
  public void trade(
      Market m,
      Account taker,
      Account maker,
      long takerOrderId,
      long makerOrderId,
      boolean takerBuys,
      long price,
      long quantity,
      long takerFee,
      long makerFee) {
    settleFunding(taker, m);
    settleFunding(maker, m);
    long takerRealized = applyFill(taker, m.id(), takerBuys ? quantity : -quantity, price);
    long makerRealized = applyFill(maker, m.id(), takerBuys ? -quantity : quantity, price);
    chargeFee(taker, takerFee);
    chargeFee(maker, makerFee);
    events.accept(
        new Event.Fill(
            m.id(),
            takerOrderId,
            makerOrderId,
            taker.id(),
            maker.id(),
            takerBuys ? Side.BUY : Side.SELL,
            price,
            quantity,
            takerFee,
            makerFee,
            takerRealized,
            makerRealized));
  }

  /** The insurance fund takes over an account's whole position in a market at a price. */
  public void takeOver(Market m, Account a, long price) {
    Account fund = state.fund();
    settleFunding(a, m);
    settleFunding(fund, m);
    long size = a.get(m.id(), Account.SIZE);
    long realized = applyFill(a, m.id(), -size, price);
    applyFill(fund, m.id(), size, price);
    events.accept(new Event.PositionTakeover(a.id(), m.id(), size, price, realized));
  }

  /** Auto-deleveraging: closes {@code quantity} of the bankrupt position against a counterparty. */
  public void deleverage(
      Market m, Account bankrupt, Account counterparty, long quantity, long price) {
    settleFunding(bankrupt, m);
    settleFunding(counterparty, m);
    long bankruptSize = bankrupt.get(m.id(), Account.SIZE);
    long signed = bankruptSize > 0 ? -quantity : quantity;
    long bankruptRealized = applyFill(bankrupt, m.id(), signed, price);
    long counterpartyRealized = applyFill(counterparty, m.id(), -signed, price);
    events.accept(
        new Event.AdlFill(
            m.id(),
            bankrupt.id(),
            counterparty.id(),
            bankruptSize,
            price,
            quantity,
            bankruptRealized,
            counterpartyRealized));
  }

  /** Market settlement: closes a position at the final price, with no counterparty. */
  public void settlePosition(Market m, Account a, long price) {
    settleFunding(a, m);
    long size = a.get(m.id(), Account.SIZE);
    long realized = applyFill(a, m.id(), -size, price);
    events.accept(new Event.PositionSettled(a.id(), m.id(), size, price, realized));
  }

  /** Moves a liquidated account's remaining collateral to the fund. */
  public void surrenderToFund(Account a, long amount) {
    moveCollateral(a, state.fund(), amount);
    events.accept(new Event.InsuranceSurplus(a.id(), amount));
  }

  /** The fund pays (part of) a liquidated account's negative collateral. */
  public void coverDeficit(Account a, long amount) {
    moveCollateral(state.fund(), a, amount);
    paidUp(a);
    events.accept(new Event.DeficitCovered(a.id(), amount));
  }

  /**
   * Reports the negative collateral a liquidated account keeps after the fund paid what it could,
   * and remembers the amount (a later sweep settles it again only once it changed).
   */
  public void reportUncovered(Account a) {
    a.reportedDeficit = Math.negateExact(a.collateral);
    events.accept(new Event.UncoveredDeficit(a.id(), a.reportedDeficit));
  }

  /**
   * Forgets the reported deficit of an account whose collateral is back at zero or above (only a
   * deposit or the fund's cover raises a flat bankrupt account's): a later deficit is a new one.
   */
  private static void paidUp(Account a) {
    if (a.collateral >= 0) {
      a.reportedDeficit = 0;
    }
  }

  private void moveCollateral(Account from, Account to, long amount) {
    long fromCollateral = Math.subtractExact(from.collateral, amount);
    to.collateral = Math.addExact(to.collateral, amount);
    from.collateral = fromCollateral;
    state.touch(from.id());
    state.touch(to.id());
  }
}
