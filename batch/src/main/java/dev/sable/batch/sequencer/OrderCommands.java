package dev.sable.batch.sequencer;

import dev.sable.crypto.OrderMessage;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;

/**
 * A v2 signed order and the sequencer's {@code PlaceOrder} are the same fields (the message's
 * enumerations are the sequencer's ordinals, docs/state.md section 12): each from the other.
 */
public final class OrderCommands {
  private OrderCommands() {}

  /** The command a signed order asks for. */
  public static Command.PlaceOrder place(OrderMessage o) {
    return new Command.PlaceOrder(
        (int) o.accountIndex(),
        (int) o.marketId(),
        o.clientOrderId(),
        Side.values()[(int) o.side()],
        OrderType.values()[(int) o.type()],
        o.price(),
        o.quantity(),
        o.reduceOnly() == 1,
        o.expiry(),
        StpMode.values()[(int) o.stp()]);
  }

  /**
   * The message a command's owner must have signed.
   *
   * @throws IllegalArgumentException if a field is outside the message's range (no signature can
   *     exist for it)
   */
  public static OrderMessage message(Command.PlaceOrder p) {
    return new OrderMessage(
        p.account(),
        p.market(),
        p.clientOrderId(),
        p.side().ordinal(),
        p.type().ordinal(),
        p.price(),
        p.quantity(),
        p.reduceOnly() ? 1 : 0,
        p.expiry(),
        p.stp().ordinal());
  }
}
