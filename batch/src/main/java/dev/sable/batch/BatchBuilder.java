package dev.sable.batch;

import dev.sable.crypto.Ecdh;
import dev.sable.state.settlement.SettlementState;

/**
 * Turns a batch of settlement operations into what the settlement circuit proves
 * (docs/settlement.md, "The Java batch builder"): it applies the batch to a draft of the state in
 * the circuit's order, checks every settlement rule, and produces the table rows (with the Merkle
 * paths at the moment each row is written), the new leaves and roots, the public data, the public
 * inputs (c, z, y) as the bridge computes them, and gnark's witness. A batch that breaks a rule is
 * refused with {@link SettlementRuleException} naming every rule it breaks, one that does not fit
 * with {@link CapacityException}; either way the state is unchanged. Stateless: one builder serves
 * any number of batches of its capacities.
 */
public final class BatchBuilder {
  private final Capacities capacities;
  private final byte[] ownerSecret;

  /** A builder of a circuit without the owner-data section. */
  public BatchBuilder(Capacities capacities) {
    this(capacities, null);
  }

  /**
   * A builder whose batches carry the owner-data section when the capacities have it: each batch's
   * ephemeral scalar is {@link Ecdh#ephemeralScalar} of the operator's owner-data secret and the
   * batch number (docs/bridge.md, "The ephemeral scalar"; keep the secret like the operator's L1
   * key: it decrypts every owner's data).
   *
   * @param ownerSecret required with the owner-data section (at least 16 bytes), else unused
   */
  public BatchBuilder(Capacities capacities, byte[] ownerSecret) {
    if (capacities.ownerData() && (ownerSecret == null || ownerSecret.length < 16)) {
      throw new IllegalArgumentException(
          capacities.circuitName()
              + " publishes owner data: it needs an owner-data secret of"
              + " at least 16 bytes");
    }
    this.capacities = capacities;
    this.ownerSecret = ownerSecret == null ? null : ownerSecret.clone();
  }

  public Capacities capacities() {
    return capacities;
  }

  /**
   * Builds the next batch (number: the state's last + 1) on the state's current root. The state is
   * not changed: commit {@link BuiltBatch#change()} once the batch's proof is accepted.
   */
  public BuiltBatch build(SettlementState state, SettlementBatch batch) {
    return new BatchApplication(capacities, state.draft(), batch, ownerSecret).run();
  }
}
