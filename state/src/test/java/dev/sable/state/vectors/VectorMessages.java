package dev.sable.state.vectors;

import dev.sable.crypto.OrderMessage;

/** Signed messages read from vector records (shared with the batch module's tests). */
public final class VectorMessages {
  private VectorMessages() {}

  /** The order of a record with fields account, market, id, side, type, price, ... stp. */
  public static OrderMessage order(VectorRecord r) {
    return new OrderMessage(
        r.longValue("account"),
        r.longValue("market"),
        r.longValue("id"),
        r.longValue("side"),
        r.longValue("type"),
        r.longValue("price"),
        r.longValue("quantity"),
        r.longValue("reduceonly"),
        r.longValue("expiry"),
        r.longValue("stp"));
  }
}
