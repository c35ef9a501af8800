package dev.sable.node.intake;

import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.command.OrderType;
import dev.sable.sequencer.command.Side;
import dev.sable.sequencer.command.StpMode;
import dev.sable.sequencer.core.Account;

/**
 * A verified signed request as the sequencer command it authorizes, and the provenance the journal
 * keeps with it. The message enumerations are the sequencer's ordinals (docs/state.md, section 7).
 */
public final class SignedCommands {
  private SignedCommands() {}

  public static Command command(SignedRequest request) {
    return switch (request) {
      case SignedRequest.Order o -> place(o.message());
      case SignedRequest.Cancel c ->
          new Command.CancelOrder((int) c.message().accountIndex(), c.message().clientOrderId());
      case SignedRequest.Amend a ->
          // Interim, until amends are signed as v2 orders in the same fill slot: the amend's
          // nonce names the new client id c + 1024 * nonce (docs/settlement.md, "Orders").
          new Command.AmendOrder(
              (int) a.message().accountIndex(),
              a.message().clientOrderId(),
              a.message().clientOrderId() + Account.FILL_SLOTS * a.message().amendNonce(),
              a.message().price(),
              a.message().quantity());
    };
  }

  public static Provenance provenance(SignedRequest request) {
    byte[] signature = request.signature().encode();
    return request instanceof SignedRequest.Amend a
        ? new Provenance.SignedAmend(signature, a.message().amendNonce())
        : new Provenance.Signed(signature);
  }

  private static Command.PlaceOrder place(OrderMessage m) {
    return new Command.PlaceOrder(
        (int) m.accountIndex(),
        (int) m.marketId(),
        m.clientOrderId(),
        Side.values()[(int) m.side()],
        OrderType.values()[(int) m.type()],
        m.price(),
        m.quantity(),
        m.reduceOnly() == 1,
        m.expiry(),
        StpMode.values()[(int) m.stp()]);
  }
}
