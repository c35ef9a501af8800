package dev.sable.prover;

import java.math.BigInteger;

/** BN254 scalar-field elements as gnark encodes them: 32-byte big-endian, canonical (below r). */
public final class FieldElement {
  /** The BN254 scalar field modulus r. */
  public static final BigInteger MODULUS =
      new BigInteger(
          "21888242871839275222246405745257275088548364400416034343698204186575808495617");

  public static final int BYTES = 32;

  private FieldElement() {}

  /** Rejects values outside [0, r): gnark would silently reduce them, hiding a caller's bug. */
  public static BigInteger requireCanonical(BigInteger value, String what) {
    if (value.signum() < 0 || value.compareTo(MODULUS) >= 0) {
      throw new IllegalArgumentException(what + " is not a BN254 field element: " + value);
    }
    return value;
  }

  /** Writes a canonical element as 32 big-endian bytes into out at offset. */
  public static void write(BigInteger value, byte[] out, int offset) {
    byte[] raw = requireCanonical(value, "value").toByteArray();
    int len = Math.min(raw.length, BYTES); // toByteArray may prepend a sign byte
    System.arraycopy(raw, raw.length - len, out, offset + BYTES - len, len);
  }

  public static byte[] toBytes(BigInteger value) {
    byte[] out = new byte[BYTES];
    write(value, out, 0);
    return out;
  }

  public static BigInteger fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a field element is 32 bytes, got " + bytes.length);
    }
    return requireCanonical(new BigInteger(1, bytes), "decoded value");
  }
}
