package dev.sable.state;

import dev.sable.crypto.DomainTag;
import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;

/**
 * One order-fill slot, at index = clientOrderId mod 2^{@link StateLayout#FILL_DEPTH}. An order
 * fills only if the slot holds its id (filled + fill <= quantity) or a smaller id (the slot
 * restarts at 0): old orders cannot be replayed and no order fills beyond its quantity.
 *
 * @param clientOrderId the last order that used the slot
 * @param filled quantity filled so far, {@link #CLOSED} after a cancel
 */
public record FillSlotLeaf(long clientOrderId, long filled) {
  /** Filled amount of a cancelled order: no fill fits under any order quantity. */
  public static final long CLOSED = Long.MAX_VALUE;

  public FillSlotLeaf {
    if (clientOrderId < 0 || filled < 0) {
      throw new IllegalArgumentException("client order id and filled must be non-negative");
    }
  }

  public Fr hash() {
    return Poseidon2.INSTANCE.hash(DomainTag.FILL, Fr.ofLong(clientOrderId), Fr.ofLong(filled));
  }
}
