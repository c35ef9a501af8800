package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.state.FillSlotLeaf;
import java.util.List;

/**
 * An order table row: a signed order the batch fills, once, with its account and market rows, its
 * fill slot before the batch (fillEmpty: never used, and fill is (0, 0)) and the path in the
 * account's fill tree at the moment the row updates it (rows of one account in row order).
 */
public record OrderRow(
    int accountRow,
    int marketRow,
    OrderMessage order,
    EdDsaSignature signature,
    boolean fillEmpty,
    FillSlotLeaf fill,
    List<Fr> fillSiblings) {
  public OrderRow {
    fillSiblings = List.copyOf(fillSiblings);
  }
}
