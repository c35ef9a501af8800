package dev.sable.batch.exit;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import java.util.List;

/**
 * An account as the last accepted root has it, rebuilt from L1 data alone: its index, its leaf, the
 * leaf's path in the account tree, and the state root with its preimage.
 */
public record RecoveredAccount(
    long account, AccountLeafV2 leaf, List<Fr> siblings, GlobalState state, Fr stateRoot) {
  public RecoveredAccount {
    siblings = List.copyOf(siblings);
  }
}
