package dev.sable.sequencer.event;

import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.market.MarketStatus;

/**
 * What a command did. Every balance change is an event with its integer amounts, so a batch builder
 * can turn events into state-tree leaf updates. Collateral amounts are in base units; "realized" is
 * the PnL moved from position cost into collateral (see docs/sequencer.md).
 */
public sealed interface Event {

  record Rejected(RejectReason reason) implements Event {}

  record MarketListed(int market, String symbol) implements Event {}

  record MarketStatusChanged(int market, MarketStatus status) implements Event {}

  record Deposited(int account, long amount) implements Event {}

  record Withdrawn(int account, long amount) implements Event {}

  record OrderAccepted(
      int account,
      int market,
      long clientOrderId,
      long orderId,
      Side side,
      long price,
      long quantity)
      implements Event {}

  /**
   * A resting order replaced by its amend: the new client order id (same fill slot), price and
   * quantity; {@code keptPriority} if it stayed in its place.
   */
  record OrderAmended(
      int account,
      long orderId,
      long clientOrderId,
      long price,
      long quantity,
      boolean keptPriority)
      implements Event {}

  /** The order (or incoming remainder) of {@code remaining} quantity is gone. */
  record OrderCancelled(
      int account,
      int market,
      long orderId,
      long clientOrderId,
      long remaining,
      CancelReason reason)
      implements Event {}

  /**
   * A match. Fees are positive when charged, negative for a rebate; each side's collateral changes
   * by its realized PnL minus its fee.
   */
  record Fill(
      int market,
      long takerOrderId,
      long makerOrderId,
      int taker,
      int maker,
      Side takerSide,
      long price,
      long quantity,
      long takerFee,
      long makerFee,
      long takerRealized,
      long makerRealized)
      implements Event {}

  record MarkPrice(int market, long mark, boolean valid) implements Event {}

  /** A funding interval: rate in ppm of the index, and the market's new cumulative index. */
  record FundingRate(int market, long ratePpm, long fundingIndex) implements Event {}

  /** Funding settled on an account's position: positive paid by it, negative received. */
  record FundingPaid(int account, int market, long amount) implements Event {}

  record Liquidated(int account, long equity, long maintenanceRequirement) implements Event {}

  /** The fund took over a position at the mark; the account realized {@code realized}. */
  record PositionTakeover(int account, int market, long size, long price, long realized)
      implements Event {}

  /** Collateral moved from a liquidated account to the fund: what was left after a takeover. */
  record InsuranceSurplus(int account, long amount) implements Event {}

  /** The fund paid a liquidated account's negative collateral. */
  record DeficitCovered(int account, long amount) implements Event {}

  /** A deficit nobody could cover: the account keeps this negative collateral. */
  record UncoveredDeficit(int account, long amount) implements Event {}

  /** Auto-deleveraging: the bankrupt account's position closed against a counterparty. */
  record AdlFill(
      int market,
      int bankrupt,
      int counterparty,
      long bankruptSize,
      long price,
      long quantity,
      long bankruptRealized,
      long counterpartyRealized)
      implements Event {}

  /** Market settlement closed a position at the final mark. */
  record PositionSettled(int account, int market, long size, long price, long realized)
      implements Event {}

  record TimeAdvanced(long now) implements Event {}

  /**
   * The account now uses portfolio margin ({@code portfolio}) or cross margin, by the signed
   * request {@code requestId}, whose fill slot now holds it.
   */
  record MarginModeChanged(int account, boolean portfolio, long requestId) implements Event {}

  /**
   * A sample of a perpetual's realized volatility (ppm per year) at a time tick, and the portfolio
   * scenario range it gives (ppm; docs/options.md "Volatility-driven parameters").
   */
  record RiskRange(int market, long realizedVolPpm, long priceRangePpm) implements Event {}
}
