package dev.sable.bench;

import dev.sable.batch.Capacities;
import dev.sable.batch.SettlementCircuit;
import dev.sable.prover.GnarkCircuit;

/**
 * What the liquidation step slots of a circuit cost, as differences of compiled circuits (compiled
 * through JNI, no keys): one more step slot, and the circuit without any (Go's benchprove reports
 * the first the same way; its share of the steps comes from a profile instead).
 *
 * @param total the circuit's constraints
 * @param oneMoreSlot what one more step slot adds
 * @param allSlots what the circuit's step slots add to the same circuit without steps
 */
public record StepSlotCost(int total, int oneMoreSlot, int allSlots) {

  public static StepSlotCost of(Capacities caps) {
    int total = constraints(caps);
    int more = constraints(caps.toBuilder().steps(caps.steps() + 1).build());
    int none = constraints(caps.toBuilder().steps(0).build());
    return new StepSlotCost(total, more - total, total - none);
  }

  private static int constraints(Capacities caps) {
    try (GnarkCircuit c = GnarkCircuit.compile(SettlementCircuit.layout(caps))) {
      return c.info().constraints();
    }
  }
}
