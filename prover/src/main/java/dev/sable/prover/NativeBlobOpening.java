package dev.sable.prover;

import dev.sable.crypto.Fr;
import dev.sable.prover.jni.NativeBindings;
import dev.sable.prover.jni.NativeLibrary;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The KZG half of a blob's opening, made by the native library (go-eth-kzg on Ethereum's trusted
 * setup; the JVM has no KZG library here): the blob's commitment and the opening proof at the
 * challenge z, with z and y = p(z) as Go computed them (docs/bridge.md, "Owner data in a blob").
 *
 * @param commitment the blob's KZG commitment, 48 bytes
 * @param proof the opening proof at z, 48 bytes
 * @param challenge z = H(TAG_BLOB, c, vh_hi, vh_lo), c the commitment to the batch's owner rows
 * @param value y = p(z), a BLS12-381 scalar
 */
public record NativeBlobOpening(byte[] commitment, byte[] proof, Fr challenge, BigInteger value) {
  private static final int POINT = 48;

  /**
   * Opens the blob holding data (at most 4096 BN254 elements), one of the blobs holding the owner
   * rows whose commitment H(TAG_PUBDATA, rows...) is {@code rowsCommitment} (for a one-blob circuit
   * the data are the rows).
   */
  public static NativeBlobOpening open(Fr rowsCommitment, List<Fr> data) {
    NativeLibrary.load();
    List<Fr> input = new ArrayList<>(data.size() + 1);
    input.add(rowsCommitment);
    input.addAll(data);
    byte[] out = NativeBindings.blobOpen(bytes(input));
    return new NativeBlobOpening(
        Arrays.copyOfRange(out, 0, POINT),
        Arrays.copyOfRange(out, POINT, 2 * POINT),
        Fr.fromBytes(Arrays.copyOfRange(out, 2 * POINT, 2 * POINT + Fr.BYTES)),
        new BigInteger(1, Arrays.copyOfRange(out, 2 * POINT + Fr.BYTES, out.length)));
  }

  /**
   * The 128 cell proofs (EIP-7594, 48 bytes each, in cell order) of the blob holding data: what a
   * type-3 transaction carrying it has in its sidecar since Osaka.
   */
  public static List<byte[]> cellProofs(List<Fr> data) {
    NativeLibrary.load();
    byte[] out = NativeBindings.blobCellProofs(bytes(data));
    List<byte[]> proofs = new ArrayList<>();
    for (int at = 0; at < out.length; at += POINT) {
      proofs.add(Arrays.copyOfRange(out, at, at + POINT));
    }
    return proofs;
  }

  private static byte[] bytes(List<Fr> data) {
    byte[] in = new byte[data.size() * Fr.BYTES];
    for (int i = 0; i < data.size(); i++) {
      data.get(i).writeTo(in, i * Fr.BYTES);
    }
    return in;
  }

  @Override
  public byte[] commitment() {
    return commitment.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }
}
