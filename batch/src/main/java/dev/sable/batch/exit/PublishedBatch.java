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
   * Reads the public data {@code d} of a one-blob -owner-blob batch with its rows from {@code
   * blob}, as {@link #readBlobs}.
   */
  public static PublishedBatch readBlob(
      List<Fr> d, int ownerDataAt, int accountRows, byte[] eventHash, byte[] blob) {
    return readBlobs(d, ownerDataAt, accountRows, List.of(eventHash), List.of(blob));
  }

  /**
   * Reads the public data {@code d} of a -owner-blob batch (the owner header, then a 5-element blob
   * section per blob) with its rows from {@code blobs}, the blobs its transaction carried in order;
   * {@code eventHashes} are the versioned hashes its {@code OwnerDataBlob} events named, in order.
   * Refused by {@link BlobRows} unless the blobs hold the rows the batch proved.
   */
  public static PublishedBatch readBlobs(
      List<Fr> d, int ownerDataAt, int accountRows, List<byte[]> eventHashes, List<byte[]> blobs) {
    int sectionAt = ownerDataAt + OwnerDataSection.HEADER;
    int k = blobs.size();
    if (accountRows < 1
        || ownerDataAt < 0
        || k < 1
        || d.size() != sectionAt + BlobSection.LENGTH * k) {
      throw new IllegalArgumentException(
          "public data of "
              + d.size()
              + " elements is not a blob batch's with its owner header at "
              + ownerDataAt
              + " and "
              + k
              + " blob sections");
    }
    List<BlobSection> sections = new ArrayList<>(k);
    for (int at = sectionAt; at < d.size(); at += BlobSection.LENGTH) {
      List<Fr> s = d.subList(at, at + BlobSection.LENGTH);
      sections.add(new BlobSection(s.get(0), s.get(1), s.get(2), s.get(3), s.get(4)));
    }
    List<Fr> rows = BlobRows.read(sections, eventHashes, blobs, accountRows);
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
