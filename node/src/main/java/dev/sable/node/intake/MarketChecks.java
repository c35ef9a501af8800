package dev.sable.node.intake;

import dev.sable.crypto.OrderMessage;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.sequencer.market.MarketSpec;

/**
 * Intake's early checks of an order against its market, so a trader gets a clear error at once
 * instead of an acknowledgement followed by the sequencer's rejection. The same rules as the
 * sequencer's (docs/sequencer.md, Orders, step 3), which stays the authority: it checks them again,
 * with everything stateful (margin, duplicates, reduce-only, status).
 */
final class MarketChecks {
  private MarketChecks() {}

  static void check(OrderMessage o, MarketSpec spec, long now) {
    if (spec == null) {
      throw new NodeError(ErrorCode.UNKNOWN_MARKET);
    }
    if (o.price() > spec.maxPrice()) {
      throw new NodeError(ErrorCode.PRICE_ABOVE_MAX);
    }
    if (o.price() % spec.tickSize() != 0) {
      throw new NodeError(ErrorCode.BAD_TICK);
    }
    if (o.quantity() % spec.lotSize() != 0) {
      throw new NodeError(ErrorCode.BAD_LOT);
    }
    if (o.quantity() > spec.maxPosition()) {
      throw new NodeError(ErrorCode.QUANTITY_ABOVE_MAX);
    }
    if (o.expiry() != 0 && o.expiry() <= now) {
      throw new NodeError(ErrorCode.EXPIRED);
    }
  }
}
