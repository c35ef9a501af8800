package dev.sable.node.intake;

import dev.sable.batch.sequencer.OrderCommands;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.sequencer.command.Command;

/**
 * A verified signed request as the sequencer command it authorizes (the journal keeps the request
 * itself beside it). The message enumerations are the sequencer's ordinals (docs/state.md, section
 * 7). An amend replaces a resting order by the new order it signs, in the same fill slot
 * (docs/settlement.md, "Orders").
 */
public final class SignedCommands {
  private SignedCommands() {}

  public static Command command(SignedRequest request) {
    return switch (request) {
      case SignedRequest.Order o -> OrderCommands.place(o.message());
      case SignedRequest.Amend a ->
          new Command.AmendOrder(
              (int) a.accountIndex(),
              a.replaces(),
              a.message().clientOrderId(),
              a.message().price(),
              a.message().quantity());
      case SignedRequest.Cancel c ->
          new Command.CancelOrder((int) c.message().accountIndex(), c.message().clientOrderId());
      case SignedRequest.Withdrawal w ->
          new Command.Withdraw(
              (int) w.message().accountIndex(), w.message().amount(), w.message().nonce());
      case SignedRequest.MarginMode m ->
          new Command.SetMarginMode(
              (int) m.message().accountIndex(),
              m.message().portfolio() == 1,
              m.message().requestId());
    };
  }
}
