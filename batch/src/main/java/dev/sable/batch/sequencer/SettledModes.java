package dev.sable.batch.sequencer;

import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.SettlementView;
import java.util.List;

/**
 * The margin modes the settlement state already holds (docs/settlement.md, "Portfolio margin in the
 * circuit"). The batcher puts no margin-mode switch into a switch slot yet (the builder has them,
 * "The margin-mode switch"), so an account is portfolio-margined only when the state a deployment
 * starts from holds it in that mode (set outside any batch, {@code SettlementState.setMarginMode});
 * no batch changes a mode, so the view may be the genesis or any later state. The sequencer's
 * switch of such an account to the mode it already has in the settlement state changes nothing a
 * batch proves, and is dropped before the adapter, which refuses every other switch. What the
 * circuit does not prove for a portfolio account yet, its liquidation and any forced request naming
 * it, is refused here with its reason.
 */
final class SettledModes {
  private final SettlementView view;

  SettledModes(SettlementView view) {
    this.view = view;
  }

  /** The events without the switches the settlement state already holds. */
  List<Event> withoutSettled(List<Event> events) {
    return events.stream()
        .filter(e -> !(e instanceof Event.MarginModeChanged x && settled(x)))
        .toList();
  }

  /**
   * Refuses a command that liquidates a portfolio-margined account or is a forced request naming
   * one (both are checked against the cross requirement in the circuit, which refuses them for a
   * portfolio account: docs/settlement.md, "Portfolio margin in the circuit").
   */
  void refuseUnproven(Command command, List<Event> events) {
    if (command instanceof Command.ForcedWithdrawal f && portfolio(f.account())) {
      throw new UnprovableCommandException(
          command
              + " names portfolio-margined account "
              + f.account()
              + ": the settlement circuit serves no forced request of a portfolio account yet");
    }
    for (Event e : events) {
      if (e instanceof Event.Liquidated l && portfolio(l.account())) {
        throw new UnprovableCommandException(
            command
                + " liquidated portfolio-margined account "
                + l.account()
                + ": the settlement circuit has no liquidation step for a portfolio account yet");
      }
    }
  }

  private boolean portfolio(long account) {
    return view.account(account).map(a -> a.mode() != 0).orElse(false);
  }

  private boolean settled(Event.MarginModeChanged x) {
    long mode = x.portfolio() ? AccountLeafV2.MODE_PORTFOLIO : 0;
    return view.account(x.account()).map(a -> a.mode() == mode).orElse(false);
  }
}
