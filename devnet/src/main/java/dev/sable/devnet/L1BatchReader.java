package dev.sable.devnet;

import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.crypto.Fr;
import dev.sable.l1.BatchBlob;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SettlementEvents;
import dev.sable.l1.SubmittedBatch;
import dev.sable.l1.SubmittedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads an accepted batch back from L1 as an exit does (docs/bridge.md, "Exits from blob batches"):
 * from its transaction's calldata; for a {@code submitBlobBatch}, with the owner rows from the blob
 * its {@code OwnerDataBlob} event names, fetched from a {@link BlobSource} and checked against the
 * public data ({@link PublishedBatch#readBlob}).
 */
public final class L1BatchReader {
  private static final HexFormat HEX = HexFormat.of();

  private L1BatchReader() {}

  /** Batch {@code b} of {@code bridge} (whose layout is {@code layout}). */
  public static PublishedBatch read(
      SettlementBridgeClient bridge,
      PublicDataLayout layout,
      SettlementEvents.AcceptedBatch b,
      BlobSource blobs) {
    return read(b, bridge.transaction(b), layout, blobs);
  }

  /**
   * Batches {@code accepted} of {@code bridge}, in order, reading each submission's transaction and
   * receipt from L1 once however many of the batches it carried (an aggregate's k).
   */
  public static List<PublishedBatch> readAll(
      SettlementBridgeClient bridge,
      PublicDataLayout layout,
      List<SettlementEvents.AcceptedBatch> accepted,
      BlobSource blobs) {
    Map<String, SubmittedTransaction> read = new HashMap<>();
    List<PublishedBatch> out = new ArrayList<>(accepted.size());
    for (SettlementEvents.AcceptedBatch b : accepted) {
      SubmittedTransaction tx =
          read.computeIfAbsent(b.at().transactionHash(), h -> bridge.transaction(b));
      out.add(read(b, tx, layout, blobs));
    }
    return out;
  }

  private static PublishedBatch read(
      SettlementEvents.AcceptedBatch b,
      SubmittedTransaction tx,
      PublicDataLayout layout,
      BlobSource blobs) {
    return read(b.batchNumber(), tx.batch(b), k -> tx.ownerDataBlobs(b, k), layout, blobs);
  }

  /**
   * Batch {@code number} as submitted ({@code s}); {@code eventHashes} gives, for its blob count k,
   * the versioned hashes its k {@code OwnerDataBlob} events named in order (asked for blob batches
   * only). The count is the submission's: its openings are 48 bytes per blob (the bridge took them
   * only at its own count).
   */
  static PublishedBatch read(
      long number,
      SubmittedBatch s,
      IntFunction<List<String>> eventHashes,
      PublicDataLayout layout,
      BlobSource blobs) {
    List<Fr> d = s.publicData().stream().map(Fr::of).toList();
    if (s.blob().isEmpty()) {
      return PublishedBatch.read(d, layout.ownerDataAt(), layout.accountRows());
    }
    int k = s.blob().get().commitment().length / BatchBlob.POINT;
    if (layout.accountRows() == 0 || k < 1 || d.size() != layout.blobLength(k)) {
      throw new ExitRefusedException(
          "batch "
              + number
              + " was submitted with "
              + k
              + " blob openings, but its "
              + d.size()
              + " public data elements are not a blob batch's at the bridge's layout ("
              + (layout.accountRows() == 0 ? "no account rows" : layout.blobLength(k) + " elements")
              + ")");
    }
    List<byte[]> hashes = new ArrayList<>(k);
    List<byte[]> served = new ArrayList<>(k);
    for (String vh : eventHashes.apply(k)) {
      byte[] hash = HEX.parseHex(vh.substring(2));
      hashes.add(hash);
      served.add(fetch(number, vh, hash, blobs));
    }
    return PublishedBatch.readBlobs(d, layout.ownerDataAt(), layout.accountRows(), hashes, served);
  }

  private static byte[] fetch(long number, String vh, byte[] hash, BlobSource blobs) {
    try {
      return blobs.blob(hash);
    } catch (RuntimeException e) {
      throw new ExitRefusedException(
          "batch "
              + number
              + "'s owner rows are in the blob with versioned hash "
              + vh
              + ", which could not be fetched ("
              + e.getMessage()
              + "). Consensus clients keep blobs ~18 days (4096 epochs); an older blob must come"
              + " from a copy kept by the owner or a blob archive (docs/bridge.md, \"Exits from"
              + " blob batches\")");
    }
  }
}
