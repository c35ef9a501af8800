package dev.sable.batch.exit;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.OwnerData;
import java.util.List;

/**
 * One used account row of a batch's owner data (docs/bridge.md, "Public data, part 2"): the
 * account, its leaf after the batch, and the leaf's fields encrypted to its owner.
 */
public record OwnerRow(long account, Fr leaf, List<Fr> cipher) {
  public OwnerRow {
    cipher = List.copyOf(cipher);
    if (cipher.size() != OwnerData.ELEMENTS) {
      throw new IllegalArgumentException(
          "an owner row has " + OwnerData.ELEMENTS + " encrypted elements, got " + cipher.size());
    }
  }
}
