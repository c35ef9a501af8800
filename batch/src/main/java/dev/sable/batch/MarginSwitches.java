package dev.sable.batch;

import dev.sable.crypto.MarginModeMessage;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.LeafUpdate;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.StateDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The switch slots (Go ledger applier.switches; docs/settlement.md, "The margin-mode switch"),
 * applied after the withdrawals in slot order: each request is signed by its account's key, its
 * request id is newer than what its fill slot holds, and the slot then holds (requestId, {@link
 * FillSlotLeaf#CLOSED}), so the switch is never replayed and no order under that id fills; the
 * account takes the mode and falls under the margin rule of the mode it ends the batch in.
 */
final class MarginSwitches {
  private MarginSwitches() {}

  /** Applies the switches to the batch's account rows; returns the switch slots in order. */
  static List<SwitchRow> apply(
      List<MarginSwitch> switches, Tables tables, StateDraft draft, SettlementRules rules) {
    List<SwitchRow> rows = new ArrayList<>();
    for (MarginSwitch s : switches) {
      MarginModeMessage m = s.message();
      AccountWork a = tables.account(m.accountIndex());
      rules.marginSwitch(a, s);
      long slot = m.requestId() & ((1L << StateLayout.FILL_DEPTH) - 1);
      Optional<FillSlotLeaf> old = draft.fillSlot(m.accountIndex(), slot);
      if (old.isPresent() && old.get().clientOrderId() >= m.requestId()) {
        rules.violate(
            Rule.MODE_REPLAY,
            "margin-mode request %d of account %d: its fill slot holds %d",
            m.requestId(),
            m.accountIndex(),
            old.get().clientOrderId());
      }
      LeafUpdate u =
          draft.putFillSlot(
              m.accountIndex(), slot, new FillSlotLeaf(m.requestId(), FillSlotLeaf.CLOSED));
      a.fillsRoot = u.newRoot();
      a.mode = m.portfolio();
      a.needsMargin = true;
      rows.add(
          new SwitchRow(
              tables.accountRow.get(m.accountIndex()),
              m.portfolio(),
              m.requestId(),
              s.signature(),
              old.isEmpty(),
              old.orElse(new FillSlotLeaf(0, 0)),
              u.siblings()));
    }
    return rows;
  }
}
