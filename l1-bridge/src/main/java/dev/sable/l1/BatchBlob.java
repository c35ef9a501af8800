package dev.sable.l1;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The blob a {@code -owner-blob} batch's transaction carries, with what L1 needs of it: the blob's
 * 131,072 bytes, its KZG commitment (48 bytes), the opening proof at the batch's challenge z (48
 * bytes: {@code submitBlobBatch} hands it to the point-evaluation precompile) and the blob's 128
 * cell proofs (48 bytes each: the transaction's sidecar since Osaka, EIP-7594). The KZG values come
 * from the native library ({@code NativeBlobOpening}); this record only carries them.
 */
public record BatchBlob(
    byte[] blob, byte[] commitment, byte[] openingProof, List<byte[]> cellProofs) {
  public static final int BYTES = 131_072;
  public static final int POINT = 48;
  public static final int CELLS = 128;

  public BatchBlob {
    if (blob.length != BYTES) {
      throw new IllegalArgumentException("a blob is " + BYTES + " bytes, not " + blob.length);
    }
    if (commitment.length != POINT || openingProof.length != POINT) {
      throw new IllegalArgumentException("a KZG commitment and proof are " + POINT + " bytes each");
    }
    if (cellProofs.size() != CELLS || cellProofs.stream().anyMatch(p -> p.length != POINT)) {
      throw new IllegalArgumentException(
          "a blob's sidecar has " + CELLS + " cell proofs of " + POINT + " bytes");
    }
    blob = blob.clone();
    commitment = commitment.clone();
    openingProof = openingProof.clone();
    cellProofs = cellProofs.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] blob() {
    return blob.clone();
  }

  @Override
  public byte[] commitment() {
    return commitment.clone();
  }

  @Override
  public byte[] openingProof() {
    return openingProof.clone();
  }

  @Override
  public List<byte[]> cellProofs() {
    return cellProofs.stream().map(byte[]::clone).toList();
  }

  /** EIP-4844's kzg_to_versioned_hash of the commitment: 0x01 || sha256(commitment)[1:]. */
  public byte[] versionedHash() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(commitment);
      h[0] = 0x01;
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
