package dev.sable.batch.exit;

import dev.sable.crypto.Fr;
import dev.sable.state.settlement.GlobalState;
import java.util.List;

/**
 * What an accepted batch's public data says about the state after it, read from L1 alone: its
 * number, the new state root and that root's preimage (the owner-data header with the batch's time
 * and the deposits consumed so far), and the owner data's rows.
 */
public record PublishedBatch(long number, Fr newRoot, GlobalState state, OwnerDataSection owner) {

  /** Header offsets (docs/bridge.md, "Batches"). */
  private static final int BATCH_NUMBER = 2;

  private static final int BATCH_TIME = 3;
  private static final int NEW_ROOT = 5;
  private static final int DEPOSIT_START = 6;
  private static final int DEPOSITS = 7;

  /**
   * Reads batch public data {@code d} whose owner data is at {@code ownerDataAt} with {@code
   * accountRows} rows (the bridge's layout). The preimage is not checked here: {@link
   * AccountRecovery} checks it against the new root.
   */
  public static PublishedBatch read(List<Fr> d, int ownerDataAt, int accountRows) {
    OwnerDataSection owner = OwnerDataSection.read(d, ownerDataAt, accountRows);
    long time = OwnerDataSection.signedLong(d.get(BATCH_TIME));
    long deposits =
        OwnerDataSection.signedLong(d.get(DEPOSIT_START))
            + OwnerDataSection.signedLong(d.get(DEPOSITS));
    GlobalState state =
        new GlobalState(
            owner.accountsRoot(),
            owner.marketsRoot(),
            owner.feePool(),
            owner.fundingPool(),
            time,
            deposits);
    return new PublishedBatch(
        OwnerDataSection.signedLong(d.get(BATCH_NUMBER)), d.get(NEW_ROOT), state, owner);
  }
}
