package dev.sable.batch.exit;

import dev.sable.batch.BlobSection;
import dev.sable.batch.Capacities;
import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The owner rows of a -owner-blob batch, read from the blobs its transaction carried
 * (docs/bridge.md, "Exits from blob batches"). The public data holds only a 5-element blob section
 * per blob; the blobs are accepted only if they are the ones the sections name and the proof bound:
 * each blob's versioned hash is its section's (and the bridge's event's, in blob order), it holds
 * its share of the rows and zeros after them, and its rows give its section's challenge z =
 * H(TAG_BLOB, H(TAG_PUBDATA, all rows...), vh) and value y = p(z). A blob served with any other
 * content, another batch's blob, or the blobs in another order, is refused.
 */
public final class BlobRows {
  private BlobRows() {}

  /**
   * The row elements ({@code OWNER_ROW} per account row, {@code accountRows} rows) held by {@code
   * blobs} (131,072 bytes each, in blob order) for a batch whose public data's blob sections are
   * {@code sections} and whose bridge events named {@code eventHashes}, one each.
   */
  public static List<Fr> read(
      List<BlobSection> sections, List<byte[]> eventHashes, List<byte[]> blobs, int accountRows) {
    int k = sections.size();
    if (k < 1 || eventHashes.size() != k || blobs.size() != k || accountRows < k) {
      throw new ExitRefusedException(
          String.format(
              "%d blob sections, %d OwnerDataBlob events and %d blobs for %d account rows",
              k, eventHashes.size(), blobs.size(), accountRows));
    }
    int per = Capacities.blobRowsPer(accountRows, k);
    List<List<Fr>> parts = new ArrayList<>(k);
    List<Fr> rows = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      int rowsHere = Math.min(per, accountRows - per * j);
      parts.add(
          elements(
              sections.get(j).versionedHash(),
              eventHashes.get(j),
              blobs.get(j),
              OwnerDataSection.ROW * rowsHere));
      rows.addAll(parts.get(j));
    }
    for (int j = 0; j < k; j++) {
      byte[] vh = sections.get(j).versionedHash();
      if (!BlobSection.ofVersionedHash(rows, parts.get(j), vh).equals(sections.get(j))) {
        throw new ExitRefusedException(
            "the blob served for "
                + hex(vh)
                + " does not hold the rows the batch proved (its z or y differ from the public"
                + " data's)");
      }
    }
    return rows;
  }

  /** Blob {@code vh}'s first {@code elements} elements, the rest of it zero. */
  private static List<Fr> elements(byte[] vh, byte[] eventHash, byte[] blob, int elements) {
    if (!Arrays.equals(vh, eventHash)) {
      throw new ExitRefusedException(
          "the batch's public data names blob "
              + hex(vh)
              + ", its OwnerDataBlob event "
              + hex(eventHash));
    }
    if (blob.length != Eip4844Blob.SIZE * Fr.BYTES) {
      throw new ExitRefusedException(
          "a blob is " + Eip4844Blob.SIZE * Fr.BYTES + " bytes, got " + blob.length);
    }
    if (elements < 0 || elements > Eip4844Blob.SIZE) {
      throw new IllegalArgumentException(elements + " row elements do not fit a blob");
    }
    List<Fr> rows = new ArrayList<>(elements);
    for (int i = 0; i < elements; i++) {
      byte[] e = Arrays.copyOfRange(blob, i * Fr.BYTES, (i + 1) * Fr.BYTES);
      try {
        rows.add(Fr.fromBytes(e));
      } catch (IllegalArgumentException notBn254) {
        throw new ExitRefusedException(
            "blob " + hex(vh) + "'s element " + i + " is not a BN254 element: not this batch's");
      }
    }
    for (int i = elements * Fr.BYTES; i < blob.length; i++) {
      if (blob[i] != 0) {
        throw new ExitRefusedException(
            "blob " + hex(vh) + " is not zero after its " + elements + " row elements");
      }
    }
    return rows;
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }
}
