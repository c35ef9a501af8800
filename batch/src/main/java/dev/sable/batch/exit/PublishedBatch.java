package dev.sable.batch.exit;

import dev.sable.batch.BlobSection;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.GlobalState;
import java.util.ArrayList;
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
    return readWithRows(d, ownerDataAt, accountRows);
  }

  /**
   * Reads the public data {@code d} of a -owner-blob batch (the owner header, then the 5-element
   * blob section) with its rows from {@code blob}, the blob its transaction carried; {@code
   * eventHash} is the versioned hash its {@code OwnerDataBlob} event named. Refused by {@link
   * BlobRows} unless the blob holds the rows the batch proved.
   */
  public static PublishedBatch readBlob(
      List<Fr> d, int ownerDataAt, int accountRows, byte[] eventHash, byte[] blob) {
    int sectionAt = ownerDataAt + OwnerDataSection.HEADER;
    if (accountRows < 1 || ownerDataAt < 0 || d.size() != sectionAt + BlobSection.LENGTH) {
      throw new IllegalArgumentException(
          "public data of "
              + d.size()
              + " elements is not a blob batch's with its owner header at "
              + ownerDataAt);
    }
    List<Fr> s = d.subList(sectionAt, sectionAt + BlobSection.LENGTH);
    BlobSection section = new BlobSection(s.get(0), s.get(1), s.get(2), s.get(3), s.get(4));
    List<Fr> rows = BlobRows.read(section, eventHash, blob, OwnerDataSection.ROW * accountRows);
    List<Fr> withRows = new ArrayList<>(d.subList(0, sectionAt));
    withRows.addAll(rows);
    return readWithRows(withRows, ownerDataAt, accountRows);
  }

  private static PublishedBatch readWithRows(List<Fr> d, int ownerDataAt, int accountRows) {
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
