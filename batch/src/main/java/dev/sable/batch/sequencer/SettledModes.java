package dev.sable.batch.sequencer;

import dev.sable.sequencer.event.Event;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.SettlementView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each account's margin mode as the batches have it (docs/settlement.md, "Portfolio margin in the
 * circuit"): the mode of the settlement state a deployment starts from (which may hold an account
 * in portfolio mode, set outside any batch, {@code SettlementState.setMarginMode}), then the mode
 * of each switch the batcher put into a switch slot. The sequencer's switch of an account to the
 * mode the batches already have changes nothing a batch proves, and is dropped before the adapter,
 * which puts every other switch into a switch slot. A portfolio account's liquidation and forced
 * requests are proven by its portfolio requirements (docs/settlement.md, "Portfolio margin in the
 * circuit").
 */
final class SettledModes {
  private final SettlementView start;

  /** The modes switch slots set, by account (they override the start state's). */
  private final Map<Long, Long> switched = new HashMap<>();

  SettledModes(SettlementView start) {
    this.start = start;
  }

  /** Writes the switched modes for a snapshot. */
  void writeTo(BatcherCodec.Out out) {
    out.longMap(switched);
  }

  /** The modes {@link #writeTo} wrote, over the same start state. */
  static SettledModes readFrom(BatcherCodec.In in, SettlementView start) {
    SettledModes m = new SettledModes(start);
    m.switched.putAll(in.longMap());
    return m;
  }

  /**
   * The events without the switches the batches already hold; the others are taken as the batches'
   * modes from now on.
   */
  List<Event> withoutSettled(List<Event> events) {
    List<Event> out =
        events.stream()
            .filter(e -> !(e instanceof Event.MarginModeChanged x && mode(x.account()) == mode(x)))
            .toList();
    for (Event e : out) {
      if (e instanceof Event.MarginModeChanged x) {
        switched.put((long) x.account(), mode(x));
      }
    }
    return out;
  }

  private long mode(long account) {
    Long m = switched.get(account);
    return m != null ? m : start.account(account).map(AccountLeafV2::mode).orElse(0L);
  }

  private static long mode(Event.MarginModeChanged x) {
    return x.portfolio() ? AccountLeafV2.MODE_PORTFOLIO : 0;
  }
}
