package dev.sable.batch.sequencer;

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
 * batch proves, and is dropped before the adapter, which refuses every other switch. A portfolio
 * account's liquidation and forced requests are proven by its portfolio requirements (docs/
 * settlement.md, "Portfolio margin in the circuit").
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

  private boolean settled(Event.MarginModeChanged x) {
    long mode = x.portfolio() ? AccountLeafV2.MODE_PORTFOLIO : 0;
    return view.account(x.account()).map(a -> a.mode() == mode).orElse(false);
  }
}
