package dev.sable.batch;

import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.state.FillSlotLeaf;
import java.util.List;

/**
 * One switch slot (Go ledger.SwitchRow): the request, the account row it names, and its request
 * id's fill slot before the switch with the path in the account's fill tree (after the order rows'
 * updates and the earlier switches').
 *
 * @param fillEmpty whether the fill slot was empty ({@code fill} is then (0, 0))
 */
public record SwitchRow(
    int accountRow,
    long mode,
    long requestId,
    EdDsaSignature signature,
    boolean fillEmpty,
    FillSlotLeaf fill,
    List<Fr> fillSiblings) {

  public SwitchRow {
    fillSiblings = List.copyOf(fillSiblings);
  }
}
