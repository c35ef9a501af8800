package dev.sable.sequencer.command;

import dev.sable.sequencer.market.MarketSpec;
import dev.sable.sequencer.market.MarketStatus;
import dev.sable.sequencer.market.OptionTerms;

/** One entry of the ordered input log. Time and prices enter only through these. */
public sealed interface Command {

  /** Lists a new market; its id is the number of markets listed before it. */
  record ListMarket(MarketSpec spec) implements Command {}

  /**
   * Lists a European option market on a listed perpetual (docs/options.md "Option markets in the
   * sequencer"): the spec's book parameters, fees and margin rates with the option's terms. Its
   * oracle sources publish volatility ({@link VolatilityPrice}); its mark comes from the pricing
   * model.
   */
  record ListOption(MarketSpec spec, OptionTerms terms) implements Command {}

  record SetMarketStatus(int market, MarketStatus status) implements Command {}

  /**
   * A record of L1's deposit queue: collateral for an account, under the key the depositor named.
   * It creates the account (with that key) on the first deposit; a later one must name the same
   * key. Account 0 is the fund (no key: {@link AccountKey#NONE}). A refused deposit is refunded on
   * L1: its {@code Rejected} event is the refund.
   */
  record Deposit(int account, long amount, AccountKey key) implements Command {}

  /**
   * The owner's signed withdrawal: {@code nonce} must be the account's withdrawal nonce (the count
   * of its withdrawals so far). The L1 recipient is in the signed message the node keeps beside the
   * command (docs/settlement.md, "The sequencer's commands and what they carry").
   */
  record Withdraw(int account, long amount, long nonce) implements Command {}

  /**
   * A forced withdrawal request from L1's queue (docs/bridge.md, "Forced withdrawal requests"),
   * served as the settlement circuit serves it: when {@code signed} (the node found the owner's
   * signature valid under the account's key) and {@code nonce} is the account's withdrawal nonce,
   * it settles the account's funding, pays {@code min(maxAmount, max(0, min(collateral, equity -
   * initial requirement)))} (possibly 0) and moves the nonce on; otherwise it is refused and pays
   * nothing. The signature itself, the recipient and the queue index are in the queue record the
   * node keeps beside the command.
   */
  record ForcedWithdrawal(int account, long maxAmount, long nonce, boolean signed)
      implements Command {}

  /**
   * A new order. For {@link OrderType#MARKET} the price is the worst acceptable price. {@code
   * expiry} is a log time after which the order is cancelled (0 = none).
   */
  record PlaceOrder(
      int account,
      int market,
      long clientOrderId,
      Side side,
      OrderType type,
      long price,
      long quantity,
      boolean reduceOnly,
      long expiry,
      StpMode stp)
      implements Command {

    /** A GTC limit order with no expiry, not reduce-only, default self-trade prevention. */
    public static PlaceOrder limit(
        int account, int market, long clientOrderId, Side side, long price, long quantity) {
      return new PlaceOrder(
          account,
          market,
          clientOrderId,
          side,
          OrderType.GTC,
          price,
          quantity,
          false,
          0,
          StpMode.CANCEL_TAKER);
    }

    public PlaceOrder withType(OrderType newType) {
      return new PlaceOrder(
          account, market, clientOrderId, side, newType, price, quantity, reduceOnly, expiry, stp);
    }
  }

  record CancelOrder(int account, long clientOrderId) implements Command {}

  /** Cancels all of an account's orders in one market, or in all markets when market is -1. */
  record CancelAll(int account, int market) implements Command {}

  /**
   * Replaces a resting order by a new signed order in the same fill slot: {@code newClientOrderId =
   * clientOrderId + 1024 k} (k >= 1), the new price and remaining quantity (either may equal the
   * old one), the old order's other terms. Once the new order fills, the old one never can.
   */
  record AmendOrder(
      int account, long clientOrderId, long newClientOrderId, long price, long quantity)
      implements Command {}

  record OraclePrice(int market, int source, long price, long publishTime) implements Command {}

  /**
   * A volatility oracle record for an option market: one source's annualised implied volatility in
   * ppm, validated like a price record; the option's volatility is the median of its fresh sources.
   */
  record VolatilityPrice(int market, int source, long volPpm, long publishTime)
      implements Command {}

  /**
   * Switches an account to portfolio margin ({@code portfolio}) or back to cross margin: refused
   * with open orders, or when equity would be below the new mode's initial requirement. {@code
   * requestId} is the signed request's id, which takes its fill slot as a client order id would
   * (refused as an order's id would be: out of range, its slot busy or already at this id or a
   * newer one), so the switch the settlement circuit proves is never replayed.
   */
  record SetMarginMode(int account, boolean portfolio, long requestId) implements Command {}

  record FundingTick(int market) implements Command {}

  record TimeTick(long now) implements Command {}

  record LiquidationSweep() implements Command {}
}
