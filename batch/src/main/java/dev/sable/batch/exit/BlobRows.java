package dev.sable.batch.exit;

import dev.sable.batch.BlobSection;
import dev.sable.batch.Eip4844Blob;
import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The owner rows of a -owner-blob batch, read from the blob its transaction carried
 * (docs/bridge.md, "Exits from blob batches"). The public data holds only the 5-element blob
 * section; the blob is accepted only if it is the one the section names and the proof bound: its
 * versioned hash is the section's (and the bridge's event's), and its rows give the section's
 * challenge z = H(TAG_BLOB, H(TAG_PUBDATA, rows...), vh) and value y = p(z). A blob served with any
 * other content, or another batch's blob, is refused.
 */
public final class BlobRows {
  private BlobRows() {}

  /**
   * The {@code elements} row elements of {@code blob} (131,072 bytes) for a batch whose public
   * data's blob section is {@code section} and whose bridge event named {@code eventHash}.
   */
  public static List<Fr> read(BlobSection section, byte[] eventHash, byte[] blob, int elements) {
    byte[] vh = section.versionedHash();
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
    if (!BlobSection.ofVersionedHash(rows, rows, vh).equals(section)) {
      throw new ExitRefusedException(
          "the blob served for "
              + hex(vh)
              + " does not hold the rows the batch proved (its z or y differ from the public"
              + " data's)");
    }
    return rows;
  }

  private static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }
}
